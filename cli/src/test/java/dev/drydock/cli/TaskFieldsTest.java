package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TaskFieldsTest {

    @TempDir
    Path dir;

    private static ObjectNode parse(boolean patch, String... args) {
        TaskFields fields = new TaskFields();
        new CommandLine(fields).parseArgs(args);
        return fields.spec(patch);
    }

    @Test
    void shouldReadAGitContextAsAzWritesIt() {
        assertThat(TaskFields.source("https://github.com/acme/app.git#main:services/web").toString())
                .isEqualTo("{\"git\":{\"url\":\"https://github.com/acme/app.git\",\"ref\":\"main\",\"context\":\"services/web\"}}");
        assertThat(TaskFields.source("https://github.com/acme/app.git").toString())
                .isEqualTo("{\"git\":{\"url\":\"https://github.com/acme/app.git\"}}");
    }

    @Test
    void shouldSendALocalDirectoryAsInlineFilesWithoutLinksOrGit() throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM x\n");
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/a.txt"), "a");
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/config"), "secret");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc/hostname"));
        assertThat(TaskFields.source(dir.toString()).path("inline").path("files").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("Dockerfile", "src/a.txt");
    }

    @Test
    void shouldRefuseALocalContextTooLargeToSendInline() throws Exception {
        Files.write(dir.resolve("big"), new byte[(int) TaskFields.MAX_LOCAL_CONTEXT_BYTES + 1]);
        assertThatThrownBy(() -> TaskFields.source(dir.toString())).isInstanceOf(CliException.class)
                .hasMessageContaining("more than");
    }

    @Test
    void shouldMapTheAzFlagsToTheTaskFields() {
        ObjectNode spec = parse(false, "-c", "https://g/x.git", "-t", "r/a:1", "-t", "r/a:{{run.id}}", "--arg", "V=1",
                "--base-image-trigger-type", "All", "--commit-trigger-enabled", "true", "--branch", "dev",
                "--schedule", "0 3 * * *", "--schedule", "weekly=0 4 * * 0");
        assertThat(spec.path("buildFile").asText()).isEqualTo("Dockerfile");
        assertThat(spec.path("images")).hasSize(2);
        assertThat(spec.path("args").path("V").asText()).isEqualTo("1");
        assertThat(spec.path("triggers").path("baseImage").path("scope").asText()).isEqualTo("all");
        assertThat(spec.path("triggers").path("commit").toString()).isEqualTo("{\"enabled\":true,\"branch\":\"dev\"}");
        assertThat(spec.path("triggers").path("timers").toString()).isEqualTo(
                "[{\"name\":\"t1\",\"schedule\":\"0 3 * * *\"},{\"name\":\"weekly\",\"schedule\":\"0 4 * * 0\"}]");
    }

    @Test
    void shouldPatchOnlyWhatTheOptionsName() {
        assertThat(parse(true, "--timeout", "60").toString()).isEqualTo("{\"timeoutSeconds\":60}");
        assertThat(parse(false, "--rebase-image", "ghcr.io/a/b:1").toString()).isEqualTo("{\"rebase\":{\"image\":\"ghcr.io/a/b:1\"}}");
    }
}
