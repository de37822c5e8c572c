package dev.drydock.rebuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** COPY includes and excludes: the meaning java.nio globs gave them, without their backtracking. */
class GlobsTest {

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
        "*.jar              | app.jar",
        "*.jar              | lib/app.jar",
        "**/*.jar           | lib/app.jar",
        "**/*.jar           | app.jar",
        "**                 | a/b/c",
        "lib/*              | lib/a",
        "lib/*              | lib/a/b",
        "lib/               | lib",
        "lib/               | lib/a/b",
        "?.txt              | a.txt",
        "?.txt              | ab.txt",
        "a?b                | a/b",
        "[ab].txt           | b.txt",
        "[!ab].txt          | c.txt",
        "[a-c]/x            | b/x",
        "*.{jar,war}        | app.war",
        "*.{jar,war}        | app.ear",
        "src/**/test/*.java | src/a/b/test/T.java",
        "src/**/test/*.java | src/test/T.java",
        "\\*.txt            | *.txt",
        "\\*.txt            | a.txt",
    })
    void shouldMatchLikeJavaNioGlobs(String pattern, String path) {
        boolean expected = nio(pattern, path);

        assertThat(Globs.of(List.of(pattern)).matches(path)).isEqualTo(expected);
    }

    @Test
    void shouldMatchAnAdversarialPatternWithoutBacktracking() {
        // java.nio turns this into [^/]*a[^/]*a... and backtracks through ~n^25 splits of the name
        String pattern = "*a".repeat(25) + "b";
        String name = "a".repeat(250);

        assertThat(Globs.of(List.of(pattern)).matches(name)).isFalse();
        assertThat(Globs.of(List.of(pattern)).matchesOrIsUnder("dir/" + name + "/" + name)).isFalse();
    }

    @Test
    void shouldRefuseGroupsThatMakeTooManyAlternatives() {
        assertThatThrownBy(() -> Globs.of(List.of("{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alternatives");
    }

    // The same rules Globs applies: a trailing / means the directory and everything below, **/ also the top.
    private static boolean nio(String pattern, String path) {
        List<String> variants = pattern.endsWith("/") ? List.of(pattern.substring(0, pattern.length() - 1), pattern + "**")
                : List.of(pattern);
        for (String variant : variants) {
            for (String glob : variant.startsWith("**/") ? List.of(variant, variant.substring(3)) : List.of(variant)) {
                if (FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(path))) {
                    return true;
                }
            }
        }
        return false;
    }
}
