package dev.drydock.task.freshness;

import dev.drydock.logging.LogText;
import dev.drydock.metrics.GaugeRefresh;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * {@code drydock_images_behind} and {@code drydock_oldest_behind_seconds}, recomputed on each replica by the
 * gauge refresh ({@code drydock.metrics.refresh-interval}); a scrape reads the last result and never queries the
 * database.
 */
@ApplicationScoped
public class FreshnessMetrics {

    private static final Logger LOG = Logger.getLogger(FreshnessMetrics.class);

    /** What the gauges show: images behind and since when the oldest (null: nothing behind). */
    record Snapshot(int imagesBehind, Instant oldestSince) {}

    @Inject
    FreshnessService freshness;

    @Inject
    GaugeRefresh gauges;

    @Inject
    MeterRegistry meters;

    private final AtomicReference<Snapshot> last = new AtomicReference<>(new Snapshot(0, null));

    void start(@Observes StartupEvent event) {
        Gauge.builder("drydock.images.behind", () -> last.get().imagesBehind())
                .description("Images not built from the current digest of every base they depend on (transitively)")
                .register(meters);
        Gauge.builder("drydock.oldest.behind.seconds", () -> {
            Instant since = last.get().oldestSince();
            return since == null ? 0 : Math.max(0, Duration.between(since, Instant.now()).toMillis() / 1000.0);
        }).description("How long the image that is behind the longest has been behind").register(meters);
        gauges.register(this::refresh);
    }

    /** Recomputes the gauges now. */
    public void refresh() {
        try {
            List<TaskFreshness> behind = Freshness.behind(freshness.all());
            last.set(of(behind));
        } catch (RuntimeException e) {
            LOG.debugf(LogText.escape(e), "freshness metrics not refreshed");
        }
    }

    static Snapshot of(List<TaskFreshness> behind) {
        int images = behind.stream().mapToInt(f -> Math.max(1, f.images())).sum();
        Instant oldest = behind.stream().map(TaskFreshness::since).filter(s -> s != null).min(Instant::compareTo).orElse(null);
        return new Snapshot(images, oldest);
    }
}
