package dev.drydock.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes published outbox rows and processed-event ids older than {@code drydock.retention.horizon}. A clustered
 * Quartz job (JDBC store): one replica purges per firing. Unpublished rows are never touched, however old.
 */
@ApplicationScoped
public class OutboxRetention {

    private static final Logger LOG = Logger.getLogger(OutboxRetention.class);

    @Inject
    EntityManager em;

    @Inject
    RetentionConfig config;

    /** How many rows one purge deleted. */
    public record Purged(long outboxRows, long processedIds) {}

    @Scheduled(identity = "outbox-retention", every = "${drydock.retention.every:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        Purged purged = purge(Instant.now().minus(config.horizon()));
        if (purged.outboxRows() > 0 || purged.processedIds() > 0) {
            LOG.infof("retention: deleted %d published outbox rows and %d processed-event ids older than %s",
                    purged.outboxRows(), purged.processedIds(), config.horizon());
        }
    }

    /** Deletes what is older than {@code before}, in batches of {@code drydock.retention.batch-size}. */
    public Purged purge(Instant before) {
        long outbox = deleteInBatches("""
                DELETE FROM outbox_event WHERE seq IN (
                    SELECT seq FROM outbox_event WHERE published_at < :before ORDER BY seq LIMIT :limit)""", before);
        long processed = deleteInBatches("""
                DELETE FROM processed_event WHERE ctid IN (
                    SELECT ctid FROM processed_event WHERE processed_at < :before LIMIT :limit)""", before);
        return new Purged(outbox, processed);
    }

    private long deleteInBatches(String sql, Instant before) {
        long total = 0;
        while (true) {
            int deleted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(sql)
                    .setParameter("before", before).setParameter("limit", config.batchSize()).executeUpdate());
            total += deleted;
            if (deleted < config.batchSize()) {
                return total;
            }
        }
    }
}
