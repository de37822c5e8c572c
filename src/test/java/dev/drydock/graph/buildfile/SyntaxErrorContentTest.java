package dev.drydock.graph.buildfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A "build file" that is some other file (a link to {@code /proc/self/environ}, read by mistake) is a syntax
 * error that names the line, and none of its text.
 */
class SyntaxErrorContentTest {

    private static final String SECRET = "s3cr3t-t0ken-value";
    private static final String ENVIRON = "PATH=/usr/local/sbin:/usr/bin\0HOSTNAME=worker-1\0DRYDOCK_API_TOKEN="
            + SECRET + "\0HOME=/root\0";

    @ParameterizedTest
    @EnumSource(BuildFileKind.class)
    void shouldNotQuoteAFileThatIsNotABuildFile(BuildFileKind kind) {
        BuildFileSyntaxException e = catchThrowableOfType(BuildFileSyntaxException.class,
                () -> new BuildFileAnalyzer().analyze(kind, ENVIRON, Map.of(), Optional.empty()));

        assertThat(e).as("a syntax error").isNotNull();
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("PATH").doesNotContain("/usr")
                .doesNotContain("worker-1");
    }

    @ParameterizedTest
    @EnumSource(BuildFileKind.class)
    void shouldNotQuoteTheLineOfAnyKindOfSyntaxError(BuildFileKind kind) {
        String content = kind == BuildFileKind.DOCKERFILE
                ? "FROM alpine:3.20 AS " + SECRET + " extra\n"
                : "apiVersion: jib/v1alpha1\nkind: BuildFile\n" + SECRET + ": [\n";
        BuildFileSyntaxException e = catchThrowableOfType(BuildFileSyntaxException.class,
                () -> new BuildFileAnalyzer().analyze(kind, content, Map.of(), Optional.empty()));

        assertThat(e.getMessage()).doesNotContain(SECRET);
    }
}
