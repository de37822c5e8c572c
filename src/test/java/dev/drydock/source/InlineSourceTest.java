package dev.drydock.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.source.SourceException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InlineSourceTest {

    @TempDir
    Path dir;

    private final SourceCheckout checkouts = new SourceCheckout(Path.of("unused-cache"));

    @Test
    void shouldWriteInlineFilesIntoTheDirectory() throws Exception {
        Path context = checkouts.materialize(Map.of("Dockerfile", "FROM base:1\n", "conf/app.yaml", "port: 8080"),
                dir.resolve("ctx"));

        assertThat(context.resolve("Dockerfile")).hasContent("FROM base:1");
        assertThat(Files.readString(context.resolve("conf/app.yaml"))).isEqualTo("port: 8080");
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"../escape", "a/../../escape", "/etc/passwd", "a/../b", ".git/config", ""})
    void shouldRefusePathsThatLeaveTheDirectoryAndWriteNothing(String path) {
        SourceException thrown = catchThrowableOfType(SourceException.class,
                () -> checkouts.materialize(Map.of("Dockerfile", "FROM x\n", path, "x"), dir.resolve("ctx")));

        assertThat(thrown.kind()).isEqualTo(Kind.INVALID);
        assertThat(dir.resolve("ctx/Dockerfile")).doesNotExist();
        assertThat(dir.resolve("escape")).doesNotExist();
    }
}
