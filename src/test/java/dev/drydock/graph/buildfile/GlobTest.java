package dev.drydock.graph.buildfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.graph.buildfile.ShellWords.Unset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shell patterns in substitutions: their meaning, and that matching them never backtracks. */
class GlobTest {

    private static final Map<String, String> VARIABLES = Map.of(
            "V", "a-b-c.tar.gz",
            "P", "/usr/local/bin",
            "S", "[x]?*");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "${V#*-}            | b-c.tar.gz",
        "${V##*-}           | c.tar.gz",
        "${V%.*}            | a-b-c.tar",
        "${V%%.*}           | a-b-c",
        "${V#?}             | -b-c.tar.gz",
        "${V#[ab]-}         | b-c.tar.gz",
        "${V#[!b]-}         | b-c.tar.gz",
        "${V#[^a]-}         | a-b-c.tar.gz",
        "${V#[a-c]?[a-c]}   | -c.tar.gz",
        "${V#x}             | a-b-c.tar.gz",
        "${V#}              | a-b-c.tar.gz",
        "${V%%*}            | ''",
        "${V##*}            | ''",
        "${V#*}             | a-b-c.tar.gz",
        "${P#/*/}           | local/bin",
        "${P##/*/}          | bin",
        "${P%/*}            | /usr/local",
        "${S#[[]x}          | ]?*",
        "${S#[}             | x]?*",
        "${V/-/+}           | a+b-c.tar.gz",
        "${V//-/+}          | a+b+c.tar.gz",
        "${V//[-.]/_}       | a_b_c_tar_gz",
        "${V/-*./X}         | aXgz",
        "${V//x/y}          | a-b-c.tar.gz",
        "${V/*/all}         | all",
        "${V//}             | a-b-c.tar.gz",
    })
    void shouldMatchShellPatterns(String text, String expected) {
        assertThat(new ShellWords('\\').word(text, VARIABLES::get, Unset.EMPTY).value()).isEqualTo(expected);
    }

    @Test
    void shouldMatchAnAdversarialPatternInLinearSteps() {
        String value = "a".repeat(10_000);
        String pattern = "*a".repeat(30) + "b";
        ExpansionBudget budget = new ExpansionBudget();

        int end = Glob.compile(pattern).matchEnd(value, 0, true, budget);

        // A backtracking matcher tries on the order of n^30 splits; this reads the value once.
        assertThat(end).isEqualTo(-1);
        assertThat(budget.matchStepsSpent()).isLessThanOrEqualTo((long) value.length() * (pattern.length() + 1));
    }

    @Test
    void shouldTrimWithAnAdversarialPatternInBoundedSteps() {
        ExpansionBudget budget = new ExpansionBudget();
        ShellWords shell = new ShellWords('\\', budget);
        String value = "a".repeat(5_000);
        String pattern = "*a".repeat(20) + "b";

        for (String op : new String[] {"#", "##", "%", "%%"}) {
            assertThat(shell.word("${V" + op + pattern + "}", Map.of("V", value)::get, Unset.EMPTY).value())
                    .isEqualTo(value);
        }

        // one pass over the value per operation
        assertThat(budget.matchStepsSpent()).isLessThanOrEqualTo(4L * value.length() * (pattern.length() + 1));
    }

    @Test
    void shouldFindTheLongestAndTheShortestPrefix() {
        Glob glob = Glob.compile("*b");
        ExpansionBudget budget = new ExpansionBudget();

        assertThat(glob.matchEnd("abab", 0, false, budget)).isEqualTo(2);
        assertThat(glob.matchEnd("abab", 0, true, budget)).isEqualTo(4);
        assertThat(glob.matchEnd("abab", 1, false, budget)).isEqualTo(2);
        assertThat(glob.matchEnd("aaaa", 0, true, budget)).isEqualTo(-1);
    }
}
