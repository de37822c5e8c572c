package dev.drydock.graph.buildfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Build files whose variables would expand without bound are refused with the line that goes over a cap. */
class ExpansionLimitsTest {

    private final BuildFileAnalyzer analyzer = new BuildFileAnalyzer();

    record Bomb(String name, String content, int line, String detail) {

        @Override
        public String toString() {
            return name;
        }
    }

    // ARG A1=${A0}${A0}, ARG A2=${A1}${A1}, ...: A<n> has 2^n characters.
    private static String doubling(String keyword, int lines, String before) {
        return before + keyword + " A0=x\n" + IntStream.rangeClosed(1, lines)
                .mapToObj(i -> keyword + " A" + i + "=${A" + (i - 1) + "}${A" + (i - 1) + "}")
                .collect(Collectors.joining("\n")) + "\nFROM alpine:3.20\n";
    }

    static Stream<Bomb> bombs() {
        String big = "ARG BIG=" + "x".repeat(60_000) + "\n";
        return Stream.of(
                // 2^17 = 131072 > 65536: line 18 (A17) goes over
                new Bomb("global ARGs that double per line", doubling("ARG", 40, ""), 18,
                        "a value expands to more than 65536 characters"),
                new Bomb("ENV that doubles per line in a stage",
                        "FROM alpine:3.20\n" + doubling("ENV", 40, "").replace("\nFROM alpine:3.20\n", "\n"), 19,
                        "a value expands to more than 65536 characters"),
                new Bomb("one value used too often in one word",
                        big + "FROM alpine:3.20\nARG BIG\nLABEL a=\"$BIG$BIG\"\n", 4,
                        "a value expands to more than 65536 characters"),
                // every line is within the value cap, together they are not: 60,000 characters per use
                new Bomb("many lines that each use a large value", big + "FROM alpine:3.20\nARG BIG\n"
                        + IntStream.range(0, 100).mapToObj(i -> "LABEL l" + i + "=$BIG\n").collect(Collectors.joining()),
                        4 + 4_000_000 / 60_000, "expand to more than 4000000 characters in all"),
                new Bomb("substitutions nested too deep",
                        "ARG V=" + "${U:-".repeat(40) + "x" + "}".repeat(40) + "\nFROM alpine:3.20\n", 1,
                        "nested more than 32 deep"),
                new Bomb("patterns that cost too many matching steps", "ARG V=" + "a".repeat(20_000) + "\n"
                        + IntStream.range(0, 200).mapToObj(i -> "ARG W" + i + "=${V/*a*a*a*a*b/x}\n")
                                .collect(Collectors.joining()) + "FROM alpine:3.20\n",
                        -1, "takes more than 50000000 steps"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bombs")
    void shouldRefuseABuildFileThatExpandsBeyondTheCaps(Bomb bomb) {
        BuildFileSyntaxException e = catchThrowableOfType(BuildFileSyntaxException.class,
                () -> analyzer.analyze(BuildFileKind.DOCKERFILE, bomb.content(), Map.of(), Optional.empty()));

        assertThat(e).as("a refusal").isNotNull();
        assertThat(e.detail()).contains(bomb.detail());
        if (bomb.line() > 0) {
            assertThat(e.line()).isEqualTo(bomb.line());
        } else {
            assertThat(e.line()).isBetween(2, 201);
        }
    }

    @Test
    void shouldKeepCountingWhereBuildArgumentsFeedTheDoubling() {
        String content = "ARG A0\n" + IntStream.rangeClosed(1, 30)
                .mapToObj(i -> "ARG A" + i + "=${A" + (i - 1) + "}${A" + (i - 1) + "}")
                .collect(Collectors.joining("\n")) + "\nFROM alpine:3.20\n";

        BuildFileSyntaxException e = catchThrowableOfType(BuildFileSyntaxException.class, () -> analyzer.analyze(
                BuildFileKind.DOCKERFILE, content, Map.of("A0", "x".repeat(1024)), Optional.empty()));

        // 1024 * 2^7 = 131072
        assertThat(e.line()).isEqualTo(8);
    }

    @Test
    void shouldAnalyseAFileWhoseValuesStayWithinTheCaps() {
        String content = "ARG BIG=" + "x".repeat(ExpansionBudget.MAX_VALUE_CHARS) + "\nFROM alpine:3.20\nARG BIG\n"
                + "LABEL big=$BIG\nLABEL also=\"$BIG\"\nENV TRIMMED=${BIG%%x*}\n";

        BuildFileAnalysis analysis = analyzer.analyze(BuildFileKind.DOCKERFILE, content, Map.of(), Optional.empty());

        assertThat(analysis.recipe().orElseThrow().labels().get("big")).hasSize(ExpansionBudget.MAX_VALUE_CHARS);
        assertThat(analysis.recipe().orElseThrow().environment()).containsEntry("TRIMMED", "");
    }
}
