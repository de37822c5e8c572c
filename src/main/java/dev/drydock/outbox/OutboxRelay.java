package dev.drydock.outbox;

import dev.drydock.concurrent.Backoff;
import dev.drydock.concurrent.DaemonThreads;
import dev.drydock.logging.LogText;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka and marks them published. One relay publishes at a time across all replicas (a
 * transaction-scoped PostgreSQL advisory lock); within a pass, rows of one topic and key are sent one after the
 * other in {@code seq} order and a failed send holds back the later rows of its key ({@link KeyedSends}), so
 * events of one key reach Kafka in the order they were appended. When Kafka is unreachable the rows stay and the
 * relay backs off; nothing is lost, nothing is skipped, nothing overtakes.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Any constant shared by all replicas; "drydock" in ASCII. */
    static final long RELAY_LOCK = 0x647279646f636bL;

    @Inject
    EntityManager em;

    @Inject
    KafkaPublisher publisher;

    @Inject
    OutboxConfig config;

    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;
    /** Starts a key's next send once the previous one was acknowledged, off Kafka's callback threads. */
    private ExecutorService sendExecutor;

    void start(@Observes StartupEvent event) {
        sendExecutor = Executors.newSingleThreadExecutor(DaemonThreads.named("outbox-send"));
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        if (sendExecutor != null) {
            sendExecutor.shutdownNow();
        }
    }

    void onAppended(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxAppended appended) {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        Backoff backoff = new Backoff(Duration.ofMillis(250), config.maxBackoff());
        int failures = 0;
        while (running) {
            try {
                Batch batch = relayOnce();
                if (batch.failed() > 0) {
                    pause(backoff.after(++failures));
                } else {
                    failures = 0;
                    if (batch.published() < config.batchSize()) {
                        pause(config.pollInterval());
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("outbox relay pass failed; retrying", LogText.escape(e));
                pause(backoff.after(++failures));
            }
        }
    }

    /** What one pass did: rows acknowledged by Kafka and rows that failed (and stay unpublished). */
    public record Batch(int published, int failed) {}

    /** Publishes one batch of unpublished rows. Public so tests and tools can drive the relay directly. */
    public Batch relayOnce() {
        return QuarkusTransaction.requiringNew().timeout((int) config.sendTimeout().toSeconds() + 30).call(() -> {
            Boolean locked = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(:key)")
                    .setParameter("key", RELAY_LOCK).getSingleResult();
            if (!locked) {
                return new Batch(0, 0);
            }
            List<OutboxEvent> rows = OutboxEvent.unpublished(config.batchSize());
            KeyedSends keyed = new KeyedSends(publisher::send, sendExecutor);
            List<CompletableFuture<Void>> sends = keyed.start(rows);
            Instant deadline = Instant.now().plus(config.sendTimeout());
            int published = 0;
            int failed = 0;
            int heldBack = 0;
            try {
                for (int i = 0; i < rows.size(); i++) {
                    OutboxEvent row = rows.get(i);
                    try {
                        sends.get(i).get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
                        row.publishedAt = Instant.now();
                        published++;
                    } catch (ExecutionException | TimeoutException e) {
                        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                        if (cause instanceof KeyedSends.HeldBack) {
                            heldBack++;
                        } else {
                            row.attempts++;
                        }
                        row.lastError = String.valueOf(cause.getMessage() == null ? cause : cause.getMessage());
                        failed++;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("relay interrupted", e);
                    }
                }
            } finally {
                keyed.close();
            }
            if (failed > 0) {
                LOG.warnf("outbox relay: %d of %d events not acknowledged by Kafka (%d of them held back behind an "
                        + "earlier event of their key); they stay in the outbox and will be retried in order",
                        failed, rows.size(), heldBack);
            }
            return new Batch(published, failed);
        });
    }

    private void pause(Duration duration) {
        synchronized (signal) {
            if (!woken) {
                try {
                    signal.wait(Math.max(1, duration.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }
}
