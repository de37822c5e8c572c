package dev.drydock.rebuild.worker;

import dev.drydock.logging.LogText;
import dev.drydock.task.run.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Renews a building run's lease every heartbeat and interrupts the building thread when the run was canceled,
 * ran past its timeout, or its lease went to another worker.
 */
final class Watchdog {

    private static final Logger LOG = Logger.getLogger(Watchdog.class);

    /** Renews the lease of a run this worker holds. */
    @FunctionalInterface
    interface Lease {
        RunClaims.Heartbeat renew(long runId, String worker);
    }

    private final ScheduledExecutorService scheduler;
    private final Duration heartbeat;
    private final Lease lease;

    Watchdog(ScheduledExecutorService scheduler, Duration heartbeat, Lease lease) {
        this.scheduler = scheduler;
        this.heartbeat = heartbeat;
        this.lease = lease;
    }

    /** Starts watching; the first renewal is at once. Close the watch when the attempt is over. */
    Watch watch(long runId, String worker, Instant started, Duration timeout, Thread builder) {
        Watch watch = new Watch(builder, timeout);
        watch.renewals = scheduler.scheduleAtFixedRate(() -> watch.check(runId, worker, started),
                0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    /** One attempt's watch: why the build was stopped, if it was. */
    final class Watch implements AutoCloseable {

        private final Thread builder;
        private final Duration timeout;
        private final AtomicReference<RunStatus> stop = new AtomicReference<>();
        private volatile ScheduledFuture<?> renewals;
        private boolean over;

        private Watch(Thread builder, Duration timeout) {
            this.builder = builder;
            this.timeout = timeout;
        }

        private void check(long runId, String worker, Instant started) {
            try {
                RunClaims.Heartbeat beat = lease.renew(runId, worker);
                if (!beat.owned()) {
                    stop(RunStatus.Error);
                } else if (beat.cancelRequested()) {
                    stop(RunStatus.Canceled);
                } else if (Instant.now().isAfter(started.plus(timeout))) {
                    stop(RunStatus.Timeout);
                }
            } catch (RuntimeException e) {
                LOG.warnf("run %d: lease renewal failed: %s", runId, LogText.escape(e.getMessage()));
            }
        }

        private void stop(RunStatus status) {
            stop.compareAndSet(null, status);
            // Once the attempt is over, a renewal still in flight must not interrupt the thread's next work.
            synchronized (this) {
                if (!over) {
                    builder.interrupt();
                }
            }
        }

        /** Canceled, Timeout or Error (the lease was lost); null while the build may go on. */
        RunStatus stopReason() {
            return stop.get();
        }

        Duration timeout() {
            return timeout;
        }

        /** Throws when the build was stopped or the thread interrupted (the service is stopping). */
        void checkStopped() throws InterruptedException {
            if (stop.get() != null || Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped: " + stop.get());
            }
        }

        /** Ends the renewals; no interrupt comes after this returns. */
        @Override
        public void close() {
            synchronized (this) {
                over = true;
            }
            renewals.cancel(false);
        }
    }
}
