package dev.drydock.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "linux/amd64,       linux,   amd64,   ''",
        "linux/arm64/v8,    linux,   arm64,   v8",
        "linux/arm/v7,      linux,   arm,     v7",
        "linux/386,         linux,   386,     ''",
        "linux/ppc64le,     linux,   ppc64le, ''",
        "windows/amd64,     windows, amd64,   ''",
        "linux/riscv64,     linux,   riscv64, ''",
    })
    void shouldParseOsArchitectureAndVariant(String input, String os, String architecture, String variant) {
        Platform platform = Platform.parse(input);

        assertThat(platform.os()).isEqualTo(os);
        assertThat(platform.architecture()).isEqualTo(architecture);
        assertThat(platform.variant().orElse("")).isEqualTo(variant);
        assertThat(platform).hasToString(input);
    }

    @ParameterizedTest(name = "\"{0}\" fails: {1}")
    @CsvSource(delimiter = '|', value = {
        "''                | expected os/architecture",
        "linux             | expected os/architecture",
        "linux/arm64/v8/x  | expected os/architecture",
        "/amd64            | os \"\" must be",
        "linux/            | architecture \"\" must be",
        "linux/arm64/      | variant \"\" must be",
        "Linux/amd64       | os \"Linux\" must be lower-case",
        "linux/AMD64       | architecture \"AMD64\" must be lower-case",
        "linux/amd 64      | architecture \"amd 64\"",
    })
    void shouldRejectMalformedPlatformWithClearMessage(String input, String messageFragment) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Platform.parse(input))
                .withMessageStartingWith("invalid platform \"" + input + "\"")
                .withMessageContaining(messageFragment);
    }

    @Test
    void shouldBeEqualByValueIncludingVariant() {
        assertThat(Platform.parse("linux/arm64/v8"))
                .isEqualTo(Platform.of("linux", "arm64", "v8"))
                .hasSameHashCodeAs(Platform.of("linux", "arm64", "v8"))
                .isNotEqualTo(Platform.parse("linux/arm64"));
        assertThat(Platform.of("linux", "amd64")).isEqualTo(Platform.parse("linux/amd64"));
    }

    @Test
    void shouldValidateEachValueGivenToOf() {
        assertThatIllegalArgumentException().isThrownBy(() -> Platform.of("linux/arm64", "v8"));
        assertThatIllegalArgumentException().isThrownBy(() -> Platform.of("linux", "arm64", ""));
    }
}
