package dev.drydock.outbox;

import dev.drydock.concurrent.Backoff;
import dev.drydock.logging.LogText;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.RetriableException;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;

/**
 * Waits out an outage of PostgreSQL or Kafka instead of failing the message that met it. A consumer runs its step
 * through {@link #untilAvailable}: a failure that an outage explains (connection refused or lost, pool exhausted,
 * database shutting down, a deadlock, a lost optimistic-lock race, a retriable Kafka error) is retried with backoff for as long as it lasts;
 * anything else is the step's own failure and is thrown at once. Consumption on that thread pauses meanwhile, and
 * the message is acknowledged only after the step got through, so an outage never sends a message to the
 * dead-letter topic.
 */
@ApplicationScoped
public class Outages {

    private static final Logger LOG = Logger.getLogger(Outages.class);
    /** 250 ms doubling to 5 s: a service that came back is used again within 5 s. */
    static final Backoff BACKOFF = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5));

    /** SQLState classes of failures that pass: connection (08), resources (53), operator intervention (57), rollback (40). */
    private static final String[] TRANSIENT_SQL_STATES = {"08", "53", "57", "40"};

    @Inject
    MeterRegistry meters;

    /**
     * True when {@code failure}, one of its causes, or an exception suppressed along the way says that PostgreSQL
     * or Kafka is away for now. A commit that fails on a lost connection is a {@code RollbackException} whose
     * JDBC error is only suppressed, not its cause.
     */
    public static boolean isOutage(Throwable failure) {
        return isOutage(failure, 0);
    }

    private static boolean isOutage(Throwable failure, int depth) {
        if (depth > 8) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (Throwable suppressed : t.getSuppressed()) {
                if (isOutage(suppressed, depth + 1)) {
                    return true;
                }
            }
            // A write that lost a race with another writer (optimistic version) is also worth another try.
            if (t instanceof RetriableException || t instanceof OptimisticLockException
                    || t instanceof StaleStateException || t instanceof LockTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // The pool's own timeouts (no connection to be had) carry no SQLState.
                if (state == null) {
                    return true;
                }
                for (String prefix : TRANSIENT_SQL_STATES) {
                    if (state.startsWith(prefix)) {
                        return true;
                    }
                }
                return false;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Runs {@code step} until it ends without an outage, waiting 250 ms doubling to 5 s
     * between tries; each try is counted in {@code drydock_outage_retries_total{consumer}}.
     *
     * @throws InterruptedException when the thread is interrupted while waiting (the service is stopping): the
     *     caller must then leave its message unacknowledged
     */
    public <T> T untilAvailable(String consumer, String what, Supplier<T> step) throws InterruptedException {
        for (int failures = 1; ; failures++) {
            try {
                T result = step.get();
                if (failures > 1) {
                    LOG.infof("%s: %s went through after %d tries", consumer, LogText.escape(what), failures);
                }
                return result;
            } catch (RuntimeException e) {
                if (!isOutage(e)) {
                    throw e;
                }
                meters.counter("drydock.outage.retries", "consumer", consumer).increment();
                if (failures == 1 || failures % 20 == 0) {
                    LOG.warnf("%s: %s met an outage (%s); trying again every %d ms or so, not dead-lettering it",
                            consumer, LogText.escape(what), LogText.escape(rootMessage(e)), BACKOFF.after(failures).toMillis());
                }
                Thread.sleep(BACKOFF.after(failures).toMillis());
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
