package dev.drydock.rebuild.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.task.run.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    private static final RunClaims.Heartbeat OWNED = new RunClaims.Heartbeat(true, false, Instant.now());
    private static final RunClaims.Heartbeat CANCELED = new RunClaims.Heartbeat(true, true, Instant.now());
    private static final RunClaims.Heartbeat LOST = new RunClaims.Heartbeat(false, false, Instant.now());

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final BlockingQueue<RunClaims.Heartbeat> answers = new LinkedBlockingQueue<>();
    private final AtomicInteger renewals = new AtomicInteger();
    private final Watchdog watchdog = new Watchdog(scheduler, Duration.ofMillis(10), (runId, worker) -> {
        renewals.incrementAndGet();
        RunClaims.Heartbeat next = answers.poll();
        return next == null ? OWNED : next;
    });

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** Blocks like a build until interrupted; returns the watch's reason then. */
    private RunStatus buildUntilInterrupted(Instant started, Duration timeout) throws Exception {
        try (Watchdog.Watch watch = watchdog.watch(1, "w", started, timeout, Thread.currentThread())) {
            try {
                new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                throw new AssertionError("the build was never interrupted");
            } catch (InterruptedException expected) {
                assertThatThrownBy(watch::checkStopped).isInstanceOf(InterruptedException.class);
                return watch.stopReason();
            }
        }
    }

    @Test
    void shouldInterruptTheBuildWhenTheRunIsCanceled() throws Exception {
        answers.add(OWNED);
        answers.add(CANCELED);

        assertThat(buildUntilInterrupted(Instant.now(), Duration.ofHours(1))).isEqualTo(RunStatus.Canceled);
        assertThat(renewals.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldInterruptTheBuildWhenTheLeaseWentToAnotherWorker() throws Exception {
        answers.add(LOST);

        assertThat(buildUntilInterrupted(Instant.now(), Duration.ofHours(1))).isEqualTo(RunStatus.Error);
    }

    @Test
    void shouldInterruptTheBuildPastItsTimeout() throws Exception {
        assertThat(buildUntilInterrupted(Instant.now().minusSeconds(5), Duration.ofSeconds(1)))
                .isEqualTo(RunStatus.Timeout);
    }

    @Test
    void shouldNotInterruptTheThreadWhenACancelArrivesAfterTheWatchClosed() throws Exception {
        CountDownLatch renewing = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        Watchdog slow = new Watchdog(scheduler, Duration.ofHours(1), (runId, worker) -> {
            renewing.countDown();
            try {
                answer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CANCELED;
        });
        Watchdog.Watch watch = slow.watch(1, "w", Instant.now(), Duration.ofHours(1), Thread.currentThread());
        assertThat(renewing.await(30, TimeUnit.SECONDS)).isTrue();

        watch.close();
        answer.countDown();
        scheduler.shutdown();
        assertThat(scheduler.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(watch.stopReason()).isEqualTo(RunStatus.Canceled);
        assertThat(Thread.interrupted()).as("the attempt was over: its thread must not be interrupted").isFalse();
    }
}
