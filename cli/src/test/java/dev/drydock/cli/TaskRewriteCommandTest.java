package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TaskRewriteCommandTest {

    private static TaskCommand.Rewrite parse(String... args) {
        TaskCommand.Rewrite rewrite = new TaskCommand.Rewrite();
        new CommandLine(rewrite).parseArgs(args);
        return rewrite;
    }

    @Test
    void shouldSendTheOptionsAsTheRewriteBody() {
        TaskCommand.Rewrite rewrite = parse("app", "--to", "cache", "--pin-digests", "--dry-run");

        assertThat(rewrite.name.get()).isEqualTo("app");
        assertThat(rewrite.body().toString()).isEqualTo("{\"to\":\"cache\",\"pinDigests\":true,\"dryRun\":true}");
        assertThat(parse("-n", "app", "--to", "both").body().toString())
                .isEqualTo("{\"to\":\"both\",\"pinDigests\":false,\"dryRun\":false}");
    }

    @Test
    void shouldRefuseARewriteWithoutTo() {
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new TaskCommand.Rewrite());
        line.setErr(new PrintWriter(err));

        assertThat(line.execute("app")).isEqualTo(2);
        assertThat(err.toString()).contains("--to");
    }

    @Test
    void shouldBeAVerbOfTheTaskGroup() {
        assertThat(new CommandLine(new TaskCommand()).getSubcommands()).containsKey("rewrite");
    }
}
