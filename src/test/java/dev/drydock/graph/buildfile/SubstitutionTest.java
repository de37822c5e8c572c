package dev.drydock.graph.buildfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The builder's expansion of kept references against the base image's environment. */
class SubstitutionTest {

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
        "${PATH%%:*}               | /usr/bin",
        "${HOME#/}                 | root",
        "${PATH//:/ }              | /usr/bin /bin",
        "price: $5                 | 'price: '",
        "no variables              | no variables",
        "trailing $                | trailing $",
        "open ${HOME               | open ${HOME",
    })
    void shouldExpandVariablesTheBaseImageKnowsTheWayTheAnalysisDoes(String text, String expanded) {
        assertThat(new Substitution().expand(text, BASE)).isEqualTo(expanded);
    }

    @Test
    void shouldLeaveQuotesAndEscapesAsTheyAre() {
        assertThat(new Substitution().expand("'$HOME' \"$HOME\" \\$HOME", BASE)).isEqualTo("'/root' \"/root\" \\/root");
    }

    @Test
    void shouldShareOneBudgetAcrossTheExpansionsOfABuild() {
        Substitution build = new Substitution();
        Map<String, String> big = Map.of("BIG", "x".repeat(ExpansionBudget.MAX_VALUE_CHARS));
        int within = (int) (ExpansionBudget.MAX_TOTAL_CHARS / ExpansionBudget.MAX_VALUE_CHARS);
        for (int i = 0; i < within; i++) {
            build.expand("$BIG", big);
        }

        assertThatThrownBy(() -> build.expand("$BIG", big)).isInstanceOf(ExpansionLimitException.class)
                .hasMessageContaining("in all");
        assertThat(new Substitution().expand("$BIG", big)).hasSize(ExpansionBudget.MAX_VALUE_CHARS);
    }

    @Test
    void shouldRefuseAValueLongerThanTheCap() {
        Map<String, String> big = Map.of("BIG", "x".repeat(ExpansionBudget.MAX_VALUE_CHARS));

        assertThatThrownBy(() -> new Substitution().expand("$BIG$BIG", big))
                .isInstanceOf(ExpansionLimitException.class)
                .hasMessageContaining("more than " + ExpansionBudget.MAX_VALUE_CHARS + " characters");
    }
}
