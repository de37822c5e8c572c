package dev.drydock.rebuild.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.registry.CredentialLookup;
import dev.drydock.source.GitUrlPolicy;
import dev.drydock.source.SourceCheckout;
import dev.drydock.source.SourceLimits;
import dev.drydock.task.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckoutStepTest {

    @TempDir
    Path dir;

    private final StepFixtures fixtures = new StepFixtures();

    private CheckoutStep step() {
        return new CheckoutStep(new SourceCheckout(dir.resolve("mirrors"), SourceLimits.DEFAULT,
                GitUrlPolicy.ALLOW_INSECURE), dir.resolve("runs"), CredentialLookup.anonymous());
    }

    @Test
    void shouldPutAnInlineSourceInAFreshDirectoryAndRemoveItAfterwards() throws Exception {
        TaskSpec spec = new TaskSpec("app", new TaskSpec.Source(null, new TaskSpec.Inline(Map.of(
                "Dockerfile", "FROM base:1\n", "conf/app.txt", "hello\n"))), "Dockerfile", Map.of(),
                List.of("127.0.0.1:5000/team/app:latest"), List.of(), null, null, null, null, null, null, null, null);

        Path context;
        try (Workspace workspace = step().checkout(fixtures.context(spec, Map.of()))) {
            context = workspace.context();
            assertThat(workspace.commit()).isNull();
            assertThat(context.resolve("conf/app.txt")).hasContent("hello");
            assertThat(context).startsWith(dir.resolve("runs"));
        }
        assertThat(context).doesNotExist();
        assertThat(fixtures.log).containsExactly("source: inline files of task app");
    }

    @Test
    void shouldCheckOutTheRunsCommitOfAGitSource() throws Exception {
        Path origin = dir.resolve("origin");
        RevCommit first;
        try (Git git = Git.init().setDirectory(origin.toFile()).setInitialBranch("main").call()) {
            Files.writeString(origin.resolve("Dockerfile"), "FROM base:1\n");
            git.add().addFilepattern(".").call();
            first = git.commit().setMessage("one").setSign(false).call();
            Files.writeString(origin.resolve("Dockerfile"), "FROM base:2\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("two").setSign(false).call();
        }
        String url = origin.toUri().toString();
        TaskSpec spec = new TaskSpec("app", new TaskSpec.Source(new TaskSpec.Git(url, "main", "."), null), "Dockerfile",
                Map.of(), List.of("127.0.0.1:5000/team/app:latest"), List.of(), null, null, null, null, null, null, null,
                null);
        RunContext run = fixtures.context(spec, Map.of());
        run.run().gitCommit = first.getName();

        try (Workspace workspace = step().checkout(run)) {
            assertThat(workspace.commit()).isEqualTo(first.getName());
            assertThat(workspace.context().resolve("Dockerfile")).hasContent("FROM base:1");
        }
        assertThat(fixtures.log).singleElement().asString().startsWith("checked out ").endsWith(" at " + first.getName());
    }
}
