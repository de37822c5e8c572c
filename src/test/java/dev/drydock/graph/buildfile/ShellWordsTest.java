package dev.drydock.graph.buildfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.graph.buildfile.ShellWords.Result;
import dev.drydock.graph.buildfile.ShellWords.Unset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** BuildKit's word processing: quotes, escapes and substitutions. */
class ShellWordsTest {

    private static final Map<String, String> VARIABLES = Map.of(
            "NAME", "eclipse-temurin",
            "TAG", "21-jre-alpine",
            "EMPTY", "",
            "PATHS", "a b  c",
            "IMAGE", "docker.io/library/nginx:1.27");

    private final ShellWords backslash = new ShellWords('\\');

    record Case(String text, String expected, List<String> unset) {

        @Override
        public String toString() {
            return text + " -> " + expected;
        }
    }

    static Stream<Case> words() {
        return Stream.of(
                new Case("plain", "plain", List.of()),
                new Case("$NAME:$TAG", "eclipse-temurin:21-jre-alpine", List.of()),
                new Case("${NAME}:${TAG}", "eclipse-temurin:21-jre-alpine", List.of()),
                new Case("$NAME.jar", "eclipse-temurin.jar", List.of()),
                new Case("${MISSING}x", "x", List.of("MISSING")),
                new Case("$MISSING/$OTHER", "/", List.of("MISSING", "OTHER")),
                new Case("${MISSING:-fallback}", "fallback", List.of()),
                new Case("${MISSING-fallback}", "fallback", List.of()),
                new Case("${EMPTY:-fallback}", "fallback", List.of()),
                new Case("${EMPTY-fallback}", "", List.of()),
                new Case("${NAME:-fallback}", "eclipse-temurin", List.of()),
                new Case("${MISSING:-$NAME}", "eclipse-temurin", List.of()),
                new Case("${MISSING:-${ALSO_MISSING}}", "", List.of("ALSO_MISSING")),
                new Case("${NAME:-${ALSO_MISSING}}", "eclipse-temurin", List.of()),
                new Case("${NAME:+set}", "set", List.of()),
                new Case("${EMPTY:+set}", "", List.of()),
                new Case("${EMPTY+set}", "set", List.of()),
                new Case("${MISSING+set}", "", List.of()),
                new Case("${TAG%-*}", "21-jre", List.of()),
                new Case("${TAG%%-*}", "21", List.of()),
                new Case("${TAG#*-}", "jre-alpine", List.of()),
                new Case("${TAG##*-}", "alpine", List.of()),
                new Case("${TAG/-/_}", "21_jre-alpine", List.of()),
                new Case("${TAG//-/_}", "21_jre_alpine", List.of()),
                new Case("${IMAGE#docker.io/library/}", "nginx:1.27", List.of()),
                new Case("'$NAME'", "$NAME", List.of()),
                new Case("\"$NAME and \\$NAME\"", "eclipse-temurin and $NAME", List.of()),
                new Case("\"a \\b\"", "a \\b", List.of()),
                new Case("\\$NAME", "$NAME", List.of()),
                new Case("a\\ b", "a b", List.of()),
                new Case("$", "$", List.of()),
                new Case("cost: $5", "cost: ", List.of("5")),
                new Case("\"\"", "", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("words")
    void shouldProcessAWord(Case c) {
        Result result = backslash.word(c.text(), VARIABLES::get, Unset.EMPTY);

        assertThat(result.value()).isEqualTo(c.expected());
        assertThat(result.unset()).containsExactlyElementsOf(c.unset());
    }

    @Test
    void shouldKeepUnsetReferencesAsWrittenWhenAskedTo() {
        Result result = backslash.word("$PATH:/x:${JAVA_OPTS:-} ${HOME#/} $NAME", VARIABLES::get, Unset.KEEP);

        assertThat(result.value()).isEqualTo("$PATH:/x:${JAVA_OPTS:-} ${HOME#/} eclipse-temurin");
    }

    @Test
    void shouldReportTheMessageOfARequiredVariable() {
        Result result = backslash.word("${MISSING:?give it a value}", VARIABLES::get, Unset.EMPTY);

        assertThat(result.resolved()).isFalse();
        assertThat(result.failures()).containsExactly("MISSING: give it a value");
        assertThat(backslash.word("${EMPTY:?}", VARIABLES::get, Unset.EMPTY).failures())
                .containsExactly("EMPTY: is not allowed to be empty");
        assertThat(backslash.word("${EMPTY?}", VARIABLES::get, Unset.EMPTY).resolved()).isTrue();
    }

    @Test
    void shouldSplitWordsAlsoInsideUnquotedSubstitutions() {
        assertThat(backslash.words("80 $PATHS \"$PATHS\" ''", VARIABLES::get, Unset.EMPTY))
                .containsExactly("80", "a", "b", "c", "a b  c", "");
        assertThat(backslash.words("$EMPTY 1", VARIABLES::get, Unset.EMPTY)).containsExactly("1");
    }

    @Test
    void shouldUseTheBacktickAsEscapeWhenTheDirectiveSaysSo() {
        ShellWords backtick = new ShellWords('`');

        assertThat(backtick.word("C:\\app\\$NAME `$NAME", VARIABLES::get, Unset.EMPTY).value())
                .isEqualTo("C:\\app\\eclipse-temurin $NAME");
    }

    @Test
    void shouldRejectBrokenSubstitutionsAndQuotes() {
        assertThatThrownBy(() -> backslash.word("${}", VARIABLES::get, Unset.EMPTY))
                .isInstanceOf(InstructionException.class).hasMessageContaining("bad substitution");
        assertThatThrownBy(() -> backslash.word("${NAME", VARIABLES::get, Unset.EMPTY))
                .isInstanceOf(InstructionException.class).hasMessageContaining("missing '}'");
        assertThatThrownBy(() -> backslash.word("${NAME:=x}", VARIABLES::get, Unset.EMPTY))
                .isInstanceOf(InstructionException.class).hasMessageContaining("unsupported modifier (:=)");
        assertThatThrownBy(() -> backslash.word("'open", VARIABLES::get, Unset.EMPTY))
                .isInstanceOf(InstructionException.class).hasMessageContaining("single-quote");
        assertThatThrownBy(() -> backslash.word("\"open", VARIABLES::get, Unset.EMPTY))
                .isInstanceOf(InstructionException.class).hasMessageContaining("double-quote");
    }
}
