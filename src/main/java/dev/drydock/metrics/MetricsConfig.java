package dev.drydock.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "drydock.metrics")
public interface MetricsConfig {

    /** How often gauges read from the database (runs by status, outbox lag) are brought up to date. */
    @WithDefault("5s")
    Duration refreshInterval();

    /**
     * Whether the Kafka client's own meters ({@code kafka_consumer_*}, {@code kafka_producer_*}: hundreds of series
     * per replica) are exported beside drydock's; off by default so that {@code drydock_*} is easy to find.
     */
    @WithDefault("false")
    boolean kafkaClient();
}
