package dev.drydock.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Retention deletes old published events and processed ids, keeps the rest, and runs as a clustered Quartz job. */
@QuarkusTest
class OutboxRetentionTest {

    @Inject
    OutboxRetention retention;

    @Inject
    RetentionConfig config;

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldDeleteOnlyPublishedRowsAndProcessedIdsOlderThanTheHorizon() throws Exception {
        // The relay stays away while the test holds its lock, so the old unpublished row stays unpublished.
        try (Connection relayLock = dataSource.getConnection()) {
            lock(relayLock, "SELECT pg_advisory_lock(?)");
            try {
                purgeWhileTheRelayWaits();
            } finally {
                lock(relayLock, "SELECT pg_advisory_unlock(?)");
            }
        }
    }

    private static void lock(Connection connection, String sql) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, OutboxRelay.RELAY_LOCK);
            statement.execute();
        }
    }

    private void purgeWhileTheRelayWaits() {
        Instant now = Instant.now();
        Instant old = now.minus(config.horizon()).minus(Duration.ofHours(1));
        UUID oldPublished = outboxRow(old, old);
        UUID recentPublished = outboxRow(now, now);
        UUID oldUnpublished = outboxRow(old, null);
        UUID oldProcessed = processed(old);
        UUID recentProcessed = processed(now);

        OutboxRetention.Purged purged = retention.purge(now.minus(config.horizon()));

        assertThat(purged.outboxRows()).isGreaterThanOrEqualTo(1);
        assertThat(purged.processedIds()).isGreaterThanOrEqualTo(1);
        assertThat(outboxExists(oldPublished)).as("published before the horizon").isFalse();
        assertThat(outboxExists(recentPublished)).as("published recently").isTrue();
        assertThat(outboxExists(oldUnpublished)).as("never published, however old").isTrue();
        assertThat(publishedAt(oldUnpublished)).as("the relay kept away").isNull();
        assertThat(processedExists(oldProcessed)).as("processed before the horizon").isFalse();
        assertThat(processedExists(recentProcessed)).as("processed recently").isTrue();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM outbox_event WHERE id = :id")
                .setParameter("id", oldUnpublished).executeUpdate());
    }

    @Test
    void shouldDefaultToSevenDays() {
        assertThat(config.horizon()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void shouldBeAJobInTheClusteredQuartzStore() {
        Number triggers = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "SELECT count(*) FROM qrtz_triggers WHERE trigger_name = 'outbox-retention'").getSingleResult());
        assertThat(triggers.intValue()).isEqualTo(1);
    }

    private UUID outboxRow(Instant created, Instant published) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO outbox_event (id, channel, event_key, type, data, created_at, published_at)
                VALUES (:id, 'retention-test', 'k', 'test', '{}', :created, :published)""")
                .setParameter("id", id).setParameter("created", created).setParameter("published", published)
                .executeUpdate());
        return id;
    }

    private UUID processed(Instant at) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES ('retention-test', :id, :at)")
                .setParameter("id", id).setParameter("at", at).executeUpdate());
        return id;
    }

    private boolean outboxExists(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery("SELECT 1 FROM outbox_event WHERE id = :id")
                .setParameter("id", id).getResultList().isEmpty());
    }

    private Object publishedAt(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT published_at FROM outbox_event WHERE id = :id").setParameter("id", id).getSingleResult());
    }

    private boolean processedExists(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery(
                "SELECT 1 FROM processed_event WHERE event_id = :id").setParameter("id", id).getResultList().isEmpty());
    }
}
