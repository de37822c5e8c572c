package dev.drydock.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "drydock.metrics")
public interface MetricsConfig {

    /** How often gauges read from the database (runs by status, outbox lag) are brought up to date. */
    @WithDefault("5s")
    Duration refreshInterval();
}
