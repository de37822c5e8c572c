package dev.drydock.task.run;

import dev.drydock.metrics.GaugeRefresh;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs by status (the queue depth is the Queued count), counted by {@link GaugeRefresh} rather than per scrape,
 * and change-to-start latency.
 */
@ApplicationScoped
public class RunMetrics {

    @Inject
    MeterRegistry meters;

    @Inject
    EntityManager em;

    @Inject
    GaugeRefresh refresh;

    private volatile Map<RunStatus, Long> byStatus = Map.of();
    private Timer changeToStart;

    void register(@Observes StartupEvent event) {
        for (RunStatus status : RunStatus.values()) {
            Gauge.builder("drydock.runs", () -> count(status)).tag("status", status.name())
                    .description("Runs in each status").register(meters);
        }
        Gauge.builder("drydock.queue.depth", () -> count(RunStatus.Queued))
                .description("Runs waiting for a worker").register(meters);
        changeToStart = Timer.builder("drydock.run.change.to.start")
                .description("From a base change being detected to the rebuild it caused starting")
                .register(meters);
        refresh.register(this::countRuns);
    }

    /** A run caused by base changes started: how long after the first change was detected. */
    public void started(List<Cause> causes, Instant startedAt) {
        causes.stream().filter(c -> "base-change".equals(c.kind()) && c.at() != null).map(Cause::at).min(Instant::compareTo)
                .ifPresent(at -> changeToStart.record(Duration.between(at, startedAt)));
    }

    private double count(RunStatus status) {
        return byStatus.getOrDefault(status, 0L);
    }

    void countRuns() {
        Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "SELECT r.status, count(r) FROM Run r GROUP BY r.status").getResultList());
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            counts.put((RunStatus) columns[0], ((Number) columns[1]).longValue());
        }
        byStatus = counts;
    }
}
