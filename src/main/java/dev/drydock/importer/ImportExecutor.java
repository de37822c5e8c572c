package dev.drydock.importer;

import dev.drydock.concurrent.DaemonThreads;
import dev.drydock.concurrent.WorkerLoops;
import dev.drydock.logging.LogText;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Takes an import job through its attempts: claims it (waiting while another live worker holds it), copies with a
 * heartbeat that renews the lease, stores the progress and watches for a cancel request, and writes the outcome. An
 * attempt that failed only because a registry was unreachable is tried again after a backoff. A worker killed
 * mid-copy leaves its lease to lapse; the next claim copies again, skipping every blob already there and putting
 * manifests by digest, so the target ends with the same single manifest.
 */
@ApplicationScoped
public class ImportExecutor {

    private static final Logger LOG = Logger.getLogger(ImportExecutor.class);
    static final int MAX_ATTEMPTS = 4;

    @Inject
    ImportClaims claims;

    @Inject
    ImportClients clients;

    @Inject
    ImportConfig config;

    private final String worker = WorkerLoops.replicaName() + "-import-" + UUID.randomUUID().toString().substring(0, 8);
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService heartbeats;
    private volatile boolean stopping;

    @PostConstruct
    void init() {
        heartbeats = Executors.newScheduledThreadPool(1, DaemonThreads.named("import-heartbeat"));
    }

    @PreDestroy
    void shutdown() {
        heartbeats.shutdownNow();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }

    public String worker() {
        return worker;
    }

    /**
     * Runs the job unless it ended; waits while another live worker holds it.
     *
     * @throws UnknownImportException when there is no such job
     */
    public void execute(long id) {
        Instant giveUp = Instant.now().plus(config.orphanAfter());
        int failures = 0;
        while (!stopping && Instant.now().isBefore(giveUp)) {
            Instant next;
            if (!running.add(id)) {
                next = Instant.now().plus(config.heartbeat());
            } else {
                try {
                    ImportClaims.Claim claim = claims.claim(id, worker);
                    switch (claim.state()) {
                        case MISSING -> throw new UnknownImportException(id);
                        case FINISHED -> {
                            return;
                        }
                        case BUSY -> next = claim.busyUntil();
                        default -> {
                            if (attempt(id, claim, ++failures >= MAX_ATTEMPTS)) {
                                return;
                            }
                            next = Instant.now().plus(Duration.ofSeconds(1L << Math.min(failures, 5)));
                            giveUp = next.plus(config.orphanAfter());
                        }
                    }
                } finally {
                    running.remove(id);
                }
            }
            if (!WorkerLoops.sleepUntil(next, 100)) {
                return;
            }
        }
    }

    /** One attempt; false when it should be tried again (a registry was unreachable, not the last attempt). */
    private boolean attempt(long id, ImportClaims.Claim claim, boolean last) {
        CopyJob job = claim.job();
        ProgressTracker progress = new ProgressTracker();
        Thread copier = Thread.currentThread();
        Control control = new Control();
        ScheduledFuture<?> beat = heartbeats.scheduleWithFixedDelay(() -> {
            try {
                ImportClaims.Heartbeat h = claims.renew(id, worker, progress.snapshot());
                control.lost = !h.owned();
                control.canceled = h.cancelRequested();
            } catch (RuntimeException e) {
                LOG.debugf("import %d: heartbeat failed: %s", id, LogText.escape(e.getMessage()));
            }
            if (stopping) {
                copier.interrupt();
            }
        }, config.heartbeat().toMillis(), config.heartbeat().toMillis(), TimeUnit.MILLISECONDS); // the claim set the lease
        RegistryClient client = clients.forJob(job.source().registry(), claim.credentialSet(), claim.username(),
                claim.password());
        try {
            ImageCopy copy = new ImageCopy(client, progress, config.parallelBlobs(), control::check);
            ImageCopy.Result result = copy.copy(job, source -> claims.sourceSeen(id, worker, source));
            beat.cancel(false);
            claims.succeed(id, worker, result.target().toString(), progress.snapshot(),
                    client.rateLimit(job.source().registry()));
            return true;
        } catch (ImportStopped e) {
            beat.cancel(false);
            if (e.canceled) {
                claims.end(id, worker, ImportStatus.Canceled, "canceled while copying", progress.snapshot(),
                        client.rateLimit(job.source().registry()));
                return true;
            }
            if (stopping) {
                claims.release(id, worker);
            }
            return true;
        } catch (RegistryException e) {
            beat.cancel(false);
            if (stopping) {
                claims.release(id, worker);
                return true;
            }
            if (e.temporary() && !last) {
                LOG.infof("import %d: %s; trying again", id, LogText.escape(e.getMessage()));
                return false;
            }
            claims.end(id, worker, ImportStatus.Failed, e.getMessage(), progress.snapshot(),
                    client.rateLimit(job.source().registry()));
            return true;
        } catch (ImportFailure | IllegalArgumentException | IllegalStateException e) {
            beat.cancel(false);
            claims.end(id, worker, ImportStatus.Failed, e.getMessage(), progress.snapshot(),
                    client.rateLimit(job.source().registry()));
            return true;
        } finally {
            beat.cancel(false);
            Thread.interrupted();
        }
    }

    /** What the heartbeat learned, checked by the copy between steps. */
    private final class Control {
        volatile boolean lost;
        volatile boolean canceled;

        void check() {
            if (canceled) {
                throw new ImportStopped(true);
            }
            if (lost || stopping || Thread.currentThread().isInterrupted()) {
                throw new ImportStopped(false);
            }
        }
    }
}
