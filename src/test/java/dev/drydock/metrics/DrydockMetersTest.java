package dev.drydock.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DrydockMetersTest {

    private final DrydockMeters meters = new DrydockMeters();

    @Test
    void shouldDescribeAndBucketABuildDurationRecordedWithoutEither() {
        SimpleMeterRegistry registry = registry(false);

        Timer timer = registry.timer("drydock.build.duration", "status", "Succeeded");
        timer.record(Duration.ofSeconds(42));

        assertThat(timer.getId().getDescription()).isEqualTo(DrydockMeters.DESCRIPTIONS.get("drydock.build.duration"));
        assertThat(timer.takeSnapshot().histogramCounts()).hasSize(DrydockMeters.BUILD_BUCKETS.length);
    }

    @Test
    void shouldBucketChecksInMilliseconds() {
        Timer timer = registry(false).timer("drydock.watch.check.duration", "registry", "ghcr.io");
        timer.record(Duration.ofMillis(30));

        assertThat(timer.takeSnapshot().histogramCounts()[0].bucket(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(5.0);
    }

    @Test
    void shouldLeaveOutTheKafkaClientsMetersUnlessAskedFor() {
        SimpleMeterRegistry off = registry(false);
        SimpleMeterRegistry on = registry(true);

        off.counter("kafka.consumer.fetch.total").increment();
        on.counter("kafka.consumer.fetch.total").increment();

        assertThat(off.find("kafka.consumer.fetch.total").counter()).isNull();
        assertThat(on.find("kafka.consumer.fetch.total").counter()).isNotNull();
        assertThat(off.counter("drydock.run.retries").getId().getDescription()).isNotBlank();
    }

    private SimpleMeterRegistry registry(boolean kafkaClient) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(meters.kafkaClientMeters(new MetricsConfig() {
            @Override
            public Duration refreshInterval() {
                return Duration.ofSeconds(5);
            }

            @Override
            public boolean kafkaClient() {
                return kafkaClient;
            }
        }));
        registry.config().meterFilter(meters.drydockMeters());
        return registry;
    }
}
