package dev.drydock.graph.buildfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.drydock.image.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Build files and what their analysis must say, as tables in {@code src/test/resources/buildfiles/}:
 * {@code dockerfiles.yaml} and {@code jib-yaml.yaml}.
 */
class BuildFileTableTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record ExpectedDependency(String reference, int stage, boolean runtime, boolean pinned, String platform) {}

    record ExpectedProblem(int line, String instruction, String path, String detail) {}

    record ExpectedError(int line, String detail) {}

    record Case(String name, String content, Map<String, String> args, String platform,
            List<ExpectedDependency> dependencies, Boolean buildable, String engine, List<ExpectedProblem> problems,
            ExpectedError error) {

        @Override
        public String toString() {
            return name;
        }
    }

    private final BuildFileAnalyzer analyzer = new BuildFileAnalyzer();

    static Stream<Case> dockerfiles() {
        return load("dockerfiles.yaml");
    }

    static Stream<Case> jibYamls() {
        return load("jib-yaml.yaml");
    }

    private static Stream<Case> load(String name) {
        try (InputStream in = BuildFileTableTest.class.getResourceAsStream("/buildfiles/" + name)) {
            List<Case> cases = YAML.readValue(in, new TypeReference<List<Case>>() {});
            return cases.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void shouldAnalyseDockerfile(Case c) {
        check(BuildFileKind.DOCKERFILE, c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jibYamls")
    void shouldAnalyseJibYaml(Case c) {
        check(BuildFileKind.JIB_YAML, c);
    }

    private BuildFileAnalysis analyze(BuildFileKind kind, Case c) {
        return analyzer.analyze(kind, c.content(), c.args() == null ? Map.of() : c.args(),
                Optional.ofNullable(c.platform()).map(Platform::parse));
    }

    private void check(BuildFileKind kind, Case c) {
        if (c.error() != null) {
            BuildFileSyntaxException e = catchThrowableOfType(BuildFileSyntaxException.class, () -> analyze(kind, c));
            assertThat(e).as("a syntax error").isNotNull();
            assertThat(e.detail()).contains(c.error().detail());
            assertThat(e.line()).as("line of: %s", e.detail()).isEqualTo(c.error().line());
            assertThat(quoted(c.content(), e.getMessage())).as("words of the file in: %s", e.detail()).isEmpty();
            return;
        }
        assertThat(c.buildable()).as("the case says whether it is buildable").isNotNull();
        BuildFileAnalysis analysis = analyze(kind, c);

        List<ExpectedProblem> expected = c.problems() == null ? List.of() : c.problems();
        assertThat(analysis.problems()).as("problems").hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            BuildFileProblem actual = analysis.problems().get(i);
            ExpectedProblem wanted = expected.get(i);
            assertThat(actual.detail()).as("problem %d", i).contains(wanted.detail());
            assertThat(actual.line()).as("line of: %s", actual.detail()).isEqualTo(wanted.line());
            assertThat(actual.instruction()).as("instruction of: %s", actual.detail())
                    .isEqualTo(Optional.ofNullable(wanted.instruction()));
            assertThat(actual.path()).as("path of: %s", actual.detail()).isEqualTo(Optional.ofNullable(wanted.path()));
        }

        assertThat(analysis.dependencies().stream().map(BuildFileTableTest::expectation).toList())
                .as("dependencies")
                .containsExactlyElementsOf(c.dependencies());
        assertThat(analysis.buildable()).as("buildable").isEqualTo(c.buildable());
        if (c.engine() != null) {
            assertThat(analysis.engine().map(e -> e.engine().wire())).as("engine").contains(c.engine());
        }
    }

    // A syntax error never quotes the file: the words it holds, but for instructions and flag names.
    private static List<String> quoted(String content, String message) {
        return Stream.of(content.split("\\s+"))
                .filter(word -> word.length() >= 4)
                .filter(word -> !DockerfileParser.INSTRUCTIONS.contains(word.toUpperCase(java.util.Locale.ROOT)))
                .filter(word -> !word.matches("--[a-z-]+|[a-zA-Z]+:"))
                .filter(message::contains)
                .distinct()
                .toList();
    }

    private static ExpectedDependency expectation(Dependency d) {
        return new ExpectedDependency(d.reference().toString(), d.stage(), d.runtime(), d.pinned(),
                d.platform().map(Platform::toString).orElse(null));
    }
}
