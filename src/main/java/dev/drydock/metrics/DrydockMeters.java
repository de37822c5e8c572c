package dev.drydock.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;

/**
 * One place for what Prometheus shows of drydock's meters, whichever package records them: every {@code drydock.}
 * meter's HELP text, histogram buckets that suit each duration (checks in milliseconds, builds in seconds to an
 * hour) instead of Micrometer's default of dozens, and the Kafka client's own {@code kafka_*} meters only when
 * {@code drydock.metrics.kafka-client} is true.
 */
@Singleton
public class DrydockMeters {

    static final String PREFIX = "drydock.";

    /** HELP for meters registered without a description (counters and timers made in one call). */
    static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("drydock.watch.check.duration", "Time of one check of a base image (a manifest HEAD), by registry"),
            Map.entry("drydock.watch.checks", "Checks of base images, by registry and outcome"),
            Map.entry("drydock.watch.changes", "Base digest changes detected, by registry and how (poll, webhook, push)"),
            Map.entry("drydock.watch.errors", "Checks of base images that failed, by registry and outcome"),
            Map.entry("drydock.build.duration", "Time of a run from its start on a worker to its end, by final status"),
            Map.entry("drydock.run.retries", "Runs handed back to be retried later after a temporary failure"),
            Map.entry("drydock.outage.retries", "Messages a consumer waited to retry while PostgreSQL or Kafka was away"),
            Map.entry("drydock.dead.letters", "Messages sent to the dead-letter topic, by channel"));

    static final Duration[] CHECK_BUCKETS = millis(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000);
    static final Duration[] BUILD_BUCKETS = seconds(1, 2, 5, 10, 30, 60, 120, 300, 600, 1_200, 1_800, 3_600);
    static final Duration[] WAIT_BUCKETS = seconds(1, 2, 5, 10, 30, 60, 120, 300, 600, 1_800, 3_600, 14_400);

    static final Map<String, Duration[]> BUCKETS = Map.of(
            "drydock.watch.check.duration", CHECK_BUCKETS,
            "drydock.build.duration", BUILD_BUCKETS,
            "drydock.run.change.to.start", WAIT_BUCKETS);

    @Produces
    @Singleton
    MeterFilter drydockMeters() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String description = DESCRIPTIONS.get(id.getName());
                if (description == null || id.getDescription() != null && !id.getDescription().isBlank()) {
                    return id;
                }
                return new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTagsAsIterable()),
                        id.getBaseUnit(), description, id.getType());
            }

            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                Duration[] buckets = BUCKETS.get(id.getName());
                if (buckets == null) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(false)
                        .serviceLevelObjectives(nanos(buckets))
                        .minimumExpectedValue((double) buckets[0].toNanos())
                        .maximumExpectedValue((double) buckets[buckets.length - 1].toNanos())
                        .build().merge(config);
            }
        };
    }

    @Produces
    @Singleton
    MeterFilter kafkaClientMeters(MetricsConfig config) {
        return config.kafkaClient() ? MeterFilter.accept() : MeterFilter.denyNameStartsWith("kafka.");
    }

    private static Duration[] millis(long... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofMillis(values[i]);
        }
        return durations;
    }

    private static Duration[] seconds(long... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofSeconds(values[i]);
        }
        return durations;
    }

    private static double[] nanos(Duration[] durations) {
        double[] nanos = new double[durations.length];
        for (int i = 0; i < durations.length; i++) {
            nanos[i] = durations[i].toNanos();
        }
        return nanos;
    }
}
