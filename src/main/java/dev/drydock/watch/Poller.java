package dev.drydock.watch;

import dev.drydock.concurrent.DaemonThreads;
import dev.drydock.logging.LogText;
import dev.drydock.roles.NotWatching;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Checks every base that is due. Every watch replica runs a pass every second; a pass claims due rows with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas never check one base twice, then checks them in parallel. Within its second a pass keeps looking for newly due bases every
 * {@link WatchConfig#dueLookEvery()}, so a due base waits that long at most, not a whole period. A registry that
 * answered 429 or is down is left alone until it said we may ask again.
 */
@ApplicationScoped
public class Poller {

    private static final Logger LOG = Logger.getLogger(Poller.class);
    /** A little under the 1 s period, so the next firing finds this pass finished. */
    private static final Duration PASS_LENGTH = Duration.ofMillis(900);
    /** Checks again, at most this often, a tag whose HEAD disagrees with the digest its webhook named. */
    private static final int HINT_RECHECKS = 3;

    @Inject
    EntityManager em;

    @Inject
    BaseChecker checker;

    @Inject
    BaseRecorder recorder;

    @Inject
    WatchConfig config;

    private final Map<String, Instant> registryPausedUntil = new ConcurrentHashMap<>();
    private ExecutorService executor;
    /** Set at shutdown: a pass under way stops before its next claim, which would meet a closed database. */
    private volatile boolean stopping;

    /** A due base as claimed, with what it held. */
    record Claim(long id, String reference, String registry, String platform, String digest, String platformDigest) {}

    @PostConstruct
    void init() {
        executor = Executors.newFixedThreadPool(config.concurrency(), DaemonThreads.named("base-check"));
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @PreDestroy
    void shutdown() {
        stopping = true;
        executor.shutdownNow();
    }

    // On every watch replica (not once across the cluster, as a Quartz job would run): the claims split the work.
    @Scheduled(identity = "watch-poll", every = "1s", executeWith = Scheduled.SIMPLE,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = NotWatching.class)
    void poll() {
        long passEnds = System.nanoTime() + PASS_LENGTH.toNanos();
        while (!stopping) {
            if (pollOnce() >= config.batchSize()) {
                continue;
            }
            long left = passEnds - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.min(config.dueLookEvery().toMillis(), left / 1_000_000 + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // shutting down
                return;
            }
        }
    }

    /** One pass: claims up to a batch of due bases and checks them; returns how many were claimed. */
    public int pollOnce() {
        List<Claim> claims = claimDue();
        if (claims.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        Map<Instant, List<Long>> postponed = new HashMap<>();
        List<Claim> toCheck = new ArrayList<>();
        for (Claim claim : claims) {
            Instant pausedUntil = registryPausedUntil.get(claim.registry());
            if (pausedUntil != null && pausedUntil.isAfter(now)) {
                postponed.computeIfAbsent(pausedUntil, k -> new ArrayList<>()).add(claim.id());
            } else {
                toCheck.add(claim);
            }
        }
        postponed.forEach((until, ids) -> recorder.postpone(ids, until));

        List<CompletableFuture<CheckOutcome>> checks = toCheck.stream()
                .map(c -> CompletableFuture.supplyAsync(
                        () -> checker.check(c.reference(), c.platform(), c.digest(), c.platformDigest()), executor))
                .toList();
        List<Long> unchanged = new ArrayList<>();
        for (int i = 0; i < toCheck.size(); i++) {
            Claim claim = toCheck.get(i);
            CheckOutcome outcome = checks.get(i).join();
            if (outcome.ok() && Objects.equals(outcome.digest(), claim.digest())
                    && Objects.equals(outcome.platformDigest(), claim.platformDigest())) {
                unchanged.add(claim.id());
                continue;
            }
            if (!outcome.ok() && outcome.retryAfter().isPresent()) {
                registryPausedUntil.merge(claim.registry(), Instant.now().plus(outcome.retryAfter().get()),
                        (a, b) -> a.isAfter(b) ? a : b);
            }
            try {
                recorder.record(claim.id(), outcome, DetectedBy.POLL);
            } catch (RuntimeException e) {
                LOG.warnf(LogText.escape(e),
                        "could not record the check of %s; it is checked again after the claim times out",
                        LogText.escape(claim.reference()));
            }
        }
        recorder.recordUnchanged(unchanged);
        return claims.size();
    }

    private List<Claim> claimDue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    UPDATE base SET next_check_at = now() + make_interval(secs => :claimSeconds)
                    WHERE id IN (SELECT id FROM base WHERE next_check_at <= now()
                                 ORDER BY next_check_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                    RETURNING id, reference, registry, platform, digest, platform_digest""")
                    .setParameter("claimSeconds", (double) config.claimTimeout().toSeconds())
                    .setParameter("limit", config.batchSize())
                    .getResultList();
            return rows.stream().map(r -> new Claim(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                    (String) r[3], (String) r[4], (String) r[5])).toList();
        });
    }

    /** Checks one base now, outside the schedule (API "check now", webhooks) and records the outcome. */
    public BaseRecorder.Recorded checkNow(long baseId, DetectedBy detectedBy) {
        Claim claim = QuarkusTransaction.requiringNew().call(() -> {
            TrackedBase base = em.find(TrackedBase.class, baseId);
            return base == null ? null : new Claim(base.id, base.reference, base.registry, base.platform,
                    base.digest, base.platformDigest);
        });
        if (claim == null) {
            return new BaseRecorder.Recorded(null, null, Optional.empty());
        }
        CheckOutcome outcome = checker.check(claim.reference(), claim.platform(), claim.digest(), claim.platformDigest());
        return recorder.record(baseId, outcome, detectedBy);
    }

    /** Like {@link #checkNow} but on the check executor, for callers that must answer quickly. */
    public CompletableFuture<BaseRecorder.Recorded> checkSoon(long baseId, DetectedBy detectedBy) {
        return checkSoon(baseId, detectedBy, Optional.empty());
    }

    /**
     * Like {@link #checkNow} but on the check executor, for callers that must answer quickly (webhooks). When the
     * webhook named the digest it pushed and the HEAD found another one (Distribution notifies before it moves the
     * tag; replicas may lag), the base is checked again after 1 s, 2 s, 4 s until the registry agrees, as detected
     * by the same webhook. The hint itself never sets a digest.
     */
    public CompletableFuture<BaseRecorder.Recorded> checkSoon(long baseId, DetectedBy detectedBy, Optional<String> digestHint) {
        return CompletableFuture.supplyAsync(() -> checkNow(baseId, detectedBy), executor)
                .thenCompose(recorded -> confirmHint(baseId, detectedBy, digestHint, recorded, 1));
    }

    private CompletableFuture<BaseRecorder.Recorded> confirmHint(long baseId, DetectedBy detectedBy,
            Optional<String> digestHint, BaseRecorder.Recorded recorded, int recheck) {
        TrackedBase base = recorded.base();
        if (base == null || digestHint.isEmpty() || digestHint.get().equals(base.digest) || recheck > HINT_RECHECKS) {
            return CompletableFuture.completedFuture(recorded);
        }
        long delay = config.retry().initialBackoff().toMillis() << (recheck - 1);
        LOG.infof("%s: the webhook said %s was pushed, the registry answers %s; checking again in %d ms",
                LogText.escape(base.reference), LogText.escape(digestHint.get()), LogText.escape(base.digest), delay);
        Executor later = CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, executor);
        return CompletableFuture.supplyAsync(() -> checkNow(baseId, detectedBy), later)
                .thenCompose(next -> confirmHint(baseId, detectedBy, digestHint, next, recheck + 1));
    }
}
