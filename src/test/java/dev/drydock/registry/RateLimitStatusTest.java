package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitStatusTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
        "100;w=21600|76;w=21600|100|76|21600",
        "200;w=21600|0;w=21600|200|0|21600",
        "100|99|100|99|-1",
        "'100, 100;w=21600'|'42, 42;w=21600'|100|42|-1",
        "100 ; w=3600|5|100|5|3600",
    })
    void shouldReadDockerHubRateLimitHeaders(String limit, String remaining, long expectedLimit, long expectedRemaining,
            long windowSeconds) {
        RateLimitStatus status = RateLimitStatus.parse(limit, remaining, NOW).orElseThrow();
        assertThat(status.limit()).isEqualTo(expectedLimit);
        assertThat(status.remaining()).isEqualTo(expectedRemaining);
        assertThat(status.window()).isEqualTo(windowSeconds < 0 ? Optional.empty()
                : Optional.of(Duration.ofSeconds(windowSeconds)));
        assertThat(status.observedAt()).isEqualTo(NOW);
        assertThat(status.exhausted()).isEqualTo(expectedRemaining == 0);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "null|76;w=21600",
        "100;w=21600|null",
        "lots|5",
        "100|-1",
    })
    void shouldIgnoreMissingOrBrokenHeaders(String limit, String remaining) {
        assertThat(RateLimitStatus.parse(limit, remaining, NOW)).isEmpty();
    }

    @Test
    void shouldDescribeItselfForLogsAndErrors() {
        assertThat(RateLimitStatus.parse("100;w=21600", "3;w=21600", NOW).orElseThrow())
                .hasToString("3 of 100 left per 21600s");
    }
}
