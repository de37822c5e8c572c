package dev.drydock.task.run;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Runs by status (the queue depth is the Queued count), read at scrape time, and change-to-start latency. */
@ApplicationScoped
public class RunMetrics {

    @Inject
    MeterRegistry meters;

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
                .publishPercentileHistogram().register(meters);
    }

    /** A run caused by base changes started: how long after the first change was detected. */
    public void started(List<Cause> causes, Instant startedAt) {
        causes.stream().filter(c -> "base-change".equals(c.kind()) && c.at() != null).map(Cause::at).min(Instant::compareTo)
                .ifPresent(at -> changeToStart.record(Duration.between(at, startedAt)));
    }

    private double count(RunStatus status) {
        return QuarkusTransaction.requiringNew().call(() -> (double) Run.count("status", status));
    }
}
