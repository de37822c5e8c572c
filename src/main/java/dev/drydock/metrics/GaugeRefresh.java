package dev.drydock.metrics;

import dev.drydock.concurrent.DaemonThreads;
import dev.drydock.logging.LogText;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Gauges that need the database read it here, on one timer per replica, never at scrape time: a scrape of
 * {@code /q/metrics} reads values in memory and runs no SQL, however often Prometheus asks. Each replica refreshes
 * its own (not a clustered Quartz job, which would run on one replica only).
 */
@ApplicationScoped
public class GaugeRefresh {

    private static final Logger LOG = Logger.getLogger(GaugeRefresh.class);

    @Inject
    MetricsConfig config;

    private final List<Runnable> refreshers = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timer;

    /** Runs {@code refresher} now and then every {@code drydock.metrics.refresh-interval}. */
    public void register(Runnable refresher) {
        refreshers.add(refresher);
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("gauge-refresh"));
        long millis = config.refreshInterval().toMillis();
        timer.scheduleWithFixedDelay(this::refreshAll, 0, millis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void refreshAll() {
        for (Runnable refresher : refreshers) {
            try {
                refresher.run();
            } catch (RuntimeException e) {
                LOG.debugf(LogText.escape(e), "a gauge refresh failed; the gauges keep their last values");
            }
        }
    }
}
