package dev.drydock.outbox;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in {@code seq} order and marks them published. One relay publishes at a time
 * across all replicas (a transaction-scoped PostgreSQL advisory lock), so per-key order holds. When Kafka is
 * unreachable the rows stay and the relay backs off; nothing is lost and nothing is skipped.
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

    void start(@Observes StartupEvent event) {
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
    }

    void onAppended(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxAppended appended) {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                Batch batch = relayOnce();
                if (batch.failed() > 0) {
                    backoff = nextBackoff(backoff);
                    pause(backoff);
                } else {
                    backoff = Duration.ZERO;
                    if (batch.published() < config.batchSize()) {
                        pause(config.pollInterval());
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("outbox relay pass failed; retrying", e);
                backoff = nextBackoff(backoff);
                pause(backoff);
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
            List<CompletableFuture<Void>> sends = new ArrayList<>(rows.size());
            for (OutboxEvent row : rows) {
                sends.add(publisher.send(row));
            }
            Instant deadline = Instant.now().plus(config.sendTimeout());
            int published = 0;
            int failed = 0;
            for (int i = 0; i < rows.size(); i++) {
                OutboxEvent row = rows.get(i);
                try {
                    sends.get(i).get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
                    row.publishedAt = Instant.now();
                    published++;
                } catch (ExecutionException | TimeoutException e) {
                    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                    row.attempts++;
                    row.lastError = String.valueOf(cause);
                    failed++;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("relay interrupted", e);
                }
            }
            if (failed > 0) {
                LOG.warnf("outbox relay: %d of %d events not acknowledged by Kafka; they stay in the outbox and will be retried",
                        failed, rows.size());
            }
            return new Batch(published, failed);
        });
    }

    private Duration nextBackoff(Duration previous) {
        Duration next = previous.isZero() ? Duration.ofMillis(250) : previous.multipliedBy(2);
        return next.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : next;
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
