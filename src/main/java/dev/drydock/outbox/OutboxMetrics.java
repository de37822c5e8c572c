package dev.drydock.outbox;

import dev.drydock.metrics.GaugeRefresh;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Outbox lag: how many events wait for Kafka and how old the oldest is. Both come from one query run by
 * {@link GaugeRefresh}; a scrape computes the age from the remembered creation time and the clock, without SQL.
 */
@ApplicationScoped
class OutboxMetrics {

    @Inject
    EntityManager em;

    @Inject
    GaugeRefresh refresh;

    private record Backlog(long pending, Instant oldest) {}

    private volatile Backlog backlog = new Backlog(0, null);

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("drydock.outbox.pending", this, OutboxMetrics::pending)
                .description("Outbox events not yet acknowledged by Kafka").register(registry);
        Gauge.builder("drydock.outbox.lag.seconds", this, OutboxMetrics::oldestAgeSeconds)
                .description("Age of the oldest unpublished outbox event").register(registry);
        refresh.register(this::readBacklog);
    }

    double pending() {
        return backlog.pending();
    }

    double oldestAgeSeconds() {
        Instant oldest = backlog.oldest();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }

    void readBacklog() {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT count(*), min(created_at) FROM outbox_event WHERE published_at IS NULL").getSingleResult());
        backlog = new Backlog(((Number) row[0]).longValue(), instant(row[1]));
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        return null;
    }
}
