package dev.drydock.build.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariablesTest {

    private static final Map<String, String> BASE = Map.of("PATH", "/usr/bin:/bin", "HOME", "/root", "EMPTY", "");

    @ParameterizedTest(name = "{0} expands to {1}")
    @CsvSource(delimiter = '|', value = {
        "$PATH:/app/bin            | /usr/bin:/bin:/app/bin",
        "${PATH}:/app/bin          | /usr/bin:/bin:/app/bin",
        "$HOME/.cache              | /root/.cache",
        "${UNSET}x                 | x",
        "$UNSET                    | ''",
        "${UNSET:-/opt}            | /opt",
        "${EMPTY:-fallback}        | fallback",
        "${EMPTY-kept}             | ''",
        "${HOME:+set}              | set",
        "${UNSET:+set}             | ''",
        "price: $5                 | price: $5",
        "no variables              | no variables",
        "trailing $                | trailing $",
    })
    void shouldExpandVariablesTheBaseImageKnowsTheWayDockerDoes(String text, String expanded) {
        assertThat(Variables.expand(text, BASE)).isEqualTo(expanded);
    }
}
