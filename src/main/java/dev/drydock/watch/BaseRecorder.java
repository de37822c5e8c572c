package dev.drydock.watch;

import dev.drydock.logging.LogText;
import dev.drydock.outbox.EventType;
import dev.drydock.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Writes what checks found. A changed digest and its {@code dev.drydock.base.changed} event commit together;
 * the row lock makes concurrent checks of one base (poll and webhook at once) announce a change exactly once.
 */
@ApplicationScoped
public class BaseRecorder {

    private static final Logger LOG = Logger.getLogger("dev.drydock.events");

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    WatchConfig config;

    @Inject
    MeterRegistry meters;

    /** What recording a check did to the base. */
    public record Recorded(TrackedBase base, String previousDigest, Optional<BaseChanged> change) {}

    @Transactional
    public Recorded record(long baseId, CheckOutcome outcome, DetectedBy detectedBy) {
        TrackedBase base = em.find(TrackedBase.class, baseId, LockModeType.PESSIMISTIC_WRITE);
        if (base == null) {
            return new Recorded(null, null, Optional.empty());
        }
        Instant now = Instant.now();
        String previous = base.effectiveDigest();
        BaseStatus before = base.baseStatus();
        base.lastCheckedAt = now;
        if (!outcome.ok()) {
            recordFailure(base, outcome, now);
            LOG.infof("check of %s failed (%s, detected by %s): %s; next check at %s", LogText.escape(base.reference),
                    outcome.status().wire(), detectedBy.wire(), LogText.escape(outcome.error()), base.nextCheckAt);
            return new Recorded(base, previous, Optional.empty());
        }
        base.setStatus(outcome.status(), now);
        base.checkFailures = 0;
        base.lastError = null;
        base.digest = outcome.digest();
        base.platformDigest = outcome.platformDigest();
        base.mediaType = outcome.mediaType();
        base.nextCheckAt = NextCheck.after(now, base.intervalSeconds, config.jitter());
        String current = base.effectiveDigest();
        // The first digest of a new base is the baseline, not a change; but a base that did not exist and now
        // does is a change for the tasks that were waiting for it.
        boolean appeared = previous == null && before == BaseStatus.NOT_FOUND;
        if (previous == null ? !appeared : previous.equals(current)) {
            return new Recorded(base, previous, Optional.empty());
        }
        base.lastChangedAt = now;
        BaseChanged change = BaseChanged.of(base, previous, detectedBy, now);
        outbox.append(EventType.BASE_CHANGED, base.reference, base.reference, change);
        meters.counter("drydock.watch.changes", "registry", base.registry, "detectedBy", detectedBy.wire()).increment();
        return new Recorded(base, previous, Optional.of(change));
    }

    /**
     * A failed check. A transient failure within its retries keeps the base's status (one 500 does not make a
     * base unreachable) and is checked again within seconds; a rate limit is reported at once (the registry said
     * so) but retried just as soon, never before its Retry-After.
     */
    private void recordFailure(TrackedBase base, CheckOutcome outcome, Instant now) {
        base.checkFailures++;
        boolean retrying = NextCheck.retrying(outcome.status(), base.checkFailures, config.retry());
        if (!retrying || outcome.status() == BaseStatus.RATE_LIMITED) {
            base.setStatus(outcome.status(), now);
        }
        if (!retrying && outcome.status() != BaseStatus.UNREACHABLE && outcome.status() != BaseStatus.RATE_LIMITED) {
            base.checkFailures = 0;
        }
        base.lastError = retrying && outcome.status() == BaseStatus.UNREACHABLE
                ? outcome.error() + " (retry " + base.checkFailures + " of " + config.retry().attempts() + ")"
                : outcome.error();
        base.nextCheckAt = NextCheck.afterFailure(now, outcome, Math.max(1, base.checkFailures), base.intervalSeconds,
                config.retry(), config.jitter());
        meters.counter("drydock.watch.errors", "registry", base.registry, "status", outcome.status().wire()).increment();
    }

    /**
     * drydock pushed {@code reference} itself: a tracked base with that reference takes the new digest at once and
     * announces it (detectedBy push), in the caller's transaction, so dependents rebuild without waiting for a poll.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<BaseChanged> recordPush(String reference, String digest, String mediaType, long runId) {
        return recordKnown(reference, digest, mediaType, DetectedBy.PUSH, runId, null);
    }

    /**
     * The pull-through cache re-synced the cached tag {@code reference} from upstream: like a push, a tracked base
     * with that reference takes the new digest at once and announces it (detectedBy cache, with the upstream change),
     * in the caller's transaction. Bases of the reference for one platform are checked next.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<BaseChanged> recordResync(String reference, String digest, String mediaType, UpstreamChange upstream) {
        em.createQuery("UPDATE TrackedBase SET nextCheckAt = :now WHERE reference = :reference AND platform <> ''")
                .setParameter("now", Instant.now()).setParameter("reference", reference).executeUpdate();
        return recordKnown(reference, digest, mediaType, DetectedBy.CACHE, null, upstream);
    }

    private Optional<BaseChanged> recordKnown(String reference, String digest, String mediaType, DetectedBy detectedBy,
            Long runId, UpstreamChange upstream) {
        Optional<TrackedBase> tracked = TrackedBase.byReference(reference, "");
        if (tracked.isEmpty()) {
            return Optional.empty();
        }
        TrackedBase base = em.find(TrackedBase.class, tracked.get().id, LockModeType.PESSIMISTIC_WRITE);
        String previous = base.digest;
        Instant now = Instant.now();
        base.lastCheckedAt = now;
        base.setStatus(BaseStatus.OK, now);
        base.checkFailures = 0;
        base.lastError = null;
        if (digest.equals(previous)) {
            return Optional.empty();
        }
        base.digest = digest;
        base.mediaType = mediaType;
        base.lastChangedAt = now;
        BaseChanged change = new BaseChanged(base.reference, null, previous, digest, mediaType, detectedBy, now, runId,
                upstream);
        outbox.append(EventType.BASE_CHANGED, base.reference, base.reference, change);
        meters.counter("drydock.watch.changes", "registry", base.registry, "detectedBy", detectedBy.wire()).increment();
        return Optional.of(change);
    }

    /**
     * Records many checks that found what the bases already held, in one statement: the common case of polling,
     * kept cheap so that thousands of bases cost little more than their HEAD requests.
     */
    @Transactional
    public void recordUnchanged(Collection<Long> baseIds) {
        if (baseIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                UPDATE base SET status = 'ok', last_error = NULL, check_failures = 0, last_checked_at = now(),
                       status_since = CASE WHEN status = 'ok' AND status_since IS NOT NULL THEN status_since ELSE now() END,
                       next_check_at = now() + make_interval(secs => interval_seconds * (1 + :jitter * (2 * random() - 1)))
                WHERE id IN (:ids)""")
                .setParameter("jitter", config.jitter())
                .setParameter("ids", baseIds)
                .executeUpdate();
    }

    /** Puts off bases without checking them, e.g. while their registry asked us to wait. */
    @Transactional
    public void postpone(Collection<Long> baseIds, Instant until) {
        if (baseIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("UPDATE base SET next_check_at = :until WHERE id IN (:ids)")
                .setParameter("until", until)
                .setParameter("ids", baseIds)
                .executeUpdate();
    }
}
