package dev.drydock.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.source.SourceException.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourcePathsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"Dockerfile, Dockerfile", "./Dockerfile, Dockerfile", "app/./docker/Dockerfile, app/docker/Dockerfile",
            "app/, app", ".github/workflows/x.yml, .github/workflows/x.yml", ".gitignore, .gitignore"})
    void shouldAcceptRelativePathsInsideTheSource(String path, String normalised) {
        assertThat(SourcePaths.normalise(path, "path")).isEqualTo(normalised);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "/etc/passwd", "../x", "a/../../x", "a/..", ".git/config", "a/.GIT/hooks/x",
            ".git./config", "a\\b", "C:/x", "a//b", "a\u0000b", "a\nb", "a\u007fb", "."})
    void shouldRefusePathsThatLeaveOrConfuseTheSource(String path) {
        SourceException thrown = catchThrowableOfType(SourceException.class, () -> SourcePaths.normalise(path, "buildFile"));

        assertThat(thrown.kind()).isEqualTo(Kind.INVALID);
        assertThat(thrown.getMessage()).startsWith("buildFile");
    }

    @Test
    void shouldRefuseAFileThatIsAlsoTheDirectoryOfAnother() {
        SourceException thrown = catchThrowableOfType(SourceException.class,
                () -> SourcePaths.requireNoClash(List.of("a", "a/b", "c"), "inline file"));

        assertThat(thrown.getMessage()).contains("\"a\"").contains("both a file and the directory");
    }

    @Test
    void shouldRefuseTwoSpellingsOfOnePath() {
        assertThat(catchThrowableOfType(SourceException.class,
                () -> SourcePaths.requireNoClash(List.of("./Dockerfile", "Dockerfile"), "inline file")).getMessage())
                .contains("name the same file");
        // é precomposed and e + combining acute accent
        assertThat(catchThrowableOfType(SourceException.class,
                () -> SourcePaths.requireNoClash(List.of("caf\u00e9", "cafe\u0301"), "inline file")).getMessage())
                .contains("name the same file");
    }
}
