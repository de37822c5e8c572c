package dev.drydock.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Outbox lag: how many events wait for Kafka and how old the oldest is. Read at scrape time. */
@ApplicationScoped
class OutboxMetrics {

    @Inject
    EntityManager em;

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("drydock.outbox.pending", this, OutboxMetrics::pending)
                .description("Outbox events not yet acknowledged by Kafka").register(registry);
        Gauge.builder("drydock.outbox.lag.seconds", this, OutboxMetrics::oldestAgeSeconds)
                .description("Age of the oldest unpublished outbox event").register(registry);
    }

    double pending() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL").getSingleResult()).doubleValue());
    }

    double oldestAgeSeconds() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM outbox_event WHERE published_at IS NULL")
                .getSingleResult()).doubleValue());
    }
}
