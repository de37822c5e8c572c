package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @ParameterizedTest(name = "\"{0}\" is {1} s")
    @CsvSource(delimiter = '|', value = {
        "0|0",
        "7|7",
        " 120 |120",
        "Sat, 01 Mar 2025 12:00:30 GMT|30",
        "Sat, 01 Mar 2025 13:00:00 GMT|3600",
        "Sat, 01 Mar 2025 11:59:00 GMT|0",
    })
    void shouldReadSecondsAndHttpDates(String header, long seconds) {
        assertThat(RetryAfter.parse(header, NOW)).contains(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"soon", "-5", "1.5", "99999999999999999999999", "2025-03-01T12:00:30Z"})
    void shouldIgnoreWhatIsNotADelayOrDate(String header) {
        assertThat(RetryAfter.parse(header, NOW)).isEmpty();
    }
}
