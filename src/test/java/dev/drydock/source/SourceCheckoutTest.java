package dev.drydock.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.source.Checkout.Mirror;
import dev.drydock.source.SourceException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceCheckoutTest {

    @TempDir
    Path dir;

    private OriginRepository origin;
    private SourceCheckout checkouts;
    private String first;
    private String second;
    private int workDirs;

    @BeforeEach
    void origin() throws Exception {
        origin = OriginRepository.create(dir.resolve("origin"));
        first = origin.commit("first", Map.of(
                "README.md", "not in the context",
                "app/Dockerfile", "FROM base:1\n",
                "app/bin/run.sh", "#!/bin/sh\necho one\n"));
        second = origin.commit("second", Map.of(
                "app/Dockerfile", "FROM base:2\n",
                "app/new.txt", "added"));
        checkouts = new SourceCheckout(dir.resolve("cache"), SourceLimits.DEFAULT, GitUrlPolicy.ALLOW_INSECURE);
    }

    @AfterEach
    void close() {
        origin.close();
    }

    @Test
    void shouldCheckOutTheContextDirectoryAtTheHeadOfABranch() throws Exception {
        Checkout checkout = checkouts.checkout(new GitSource(origin.url(), "main", "app"), Optional.empty(),
                Optional.empty(), workDir());

        assertThat(checkout.commit()).isEqualTo(second);
        assertThat(checkout.mirror()).isEqualTo(Mirror.CLONED);
        Path context = checkout.contextDir();
        assertThat(Files.readString(context.resolve("Dockerfile"))).isEqualTo("FROM base:2\n");
        assertThat(context.resolve("new.txt")).hasContent("added");
        assertThat(context.resolve("README.md")).doesNotExist();
        assertThat(context.resolve(".git")).doesNotExist();
        assertThat(Files.getPosixFilePermissions(context.resolve("bin/run.sh"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(context.resolve("new.txt"))).doesNotContain(PosixFilePermission.OWNER_EXECUTE);
    }

    @Test
    void shouldCheckOutAnOlderCommitEvenAfterAShallowFirstFetch() throws Exception {
        checkouts.checkout(new GitSource(origin.url(), "main", "app"), Optional.empty(), Optional.empty(), workDir());

        Checkout older = checkouts.checkout(new GitSource(origin.url(), "main", "app"), Optional.of(first),
                Optional.empty(), workDir());

        assertThat(older.commit()).isEqualTo(first);
        assertThat(older.mirror()).isEqualTo(Mirror.FETCHED);
        assertThat(older.contextDir().resolve("Dockerfile")).hasContent("FROM base:1");
        assertThat(older.contextDir().resolve("new.txt")).doesNotExist();
    }

    @Test
    void shouldReuseTheCachedMirrorFetchingOnlyWhatIsNew() throws Exception {
        GitSource source = new GitSource("file://" + origin.url(), "main", "app");
        checkouts.checkout(source, Optional.empty(), Optional.empty(), workDir());
        String third = origin.commit("third", Map.of("app/third.txt", "3"));

        Checkout fetched = checkouts.checkout(source, Optional.empty(), Optional.empty(), workDir());
        Checkout reused = checkouts.checkout(source, Optional.of(third), Optional.empty(), workDir());

        assertThat(fetched.mirror()).isEqualTo(Mirror.FETCHED);
        assertThat(fetched.commit()).isEqualTo(third);
        assertThat(fetched.contextDir().resolve("third.txt")).hasContent("3");
        assertThat(reused.mirror()).isEqualTo(Mirror.REUSED);
        assertThat(reused.commit()).isEqualTo(third);
        try (Stream<Path> cached = Files.list(dir.resolve("cache"))) {
            assertThat(cached.filter(p -> p.toString().endsWith(".git"))).hasSize(1);
        }
    }

    @Test
    void shouldCheckOutAnAnnotatedTagAndTheRemoteHead() throws Exception {
        origin.tag("v1", first);

        Checkout tagged = checkouts.checkout(new GitSource(origin.url(), "v1", "app"), Optional.empty(),
                Optional.empty(), workDir());
        Checkout head = checkouts.checkout(new GitSource(origin.url(), null, "."), Optional.empty(), Optional.empty(),
                workDir());

        assertThat(tagged.commit()).isEqualTo(first);
        assertThat(head.commit()).isEqualTo(second);
        assertThat(head.contextDir().resolve("README.md")).exists();
    }

    @Test
    void shouldResolveTheHeadOfABranchOrTagWithoutCheckingOut() throws Exception {
        origin.tag("v1", first);

        assertThat(checkouts.resolveHead(origin.url(), "main", Optional.empty())).isEqualTo(second);
        assertThat(checkouts.resolveHead(origin.url(), "v1", Optional.empty())).isEqualTo(first);
        assertThat(checkouts.resolveHead(origin.url(), "HEAD", Optional.empty())).isEqualTo(second);
        assertThat(catchThrowableOfType(SourceException.class,
                () -> checkouts.resolveHead(origin.url(), "nope", Optional.empty())).kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void shouldReportWhatIsMissingAsNotFound() {
        assertThat(failure(new GitSource(origin.url(), "nope", "app"), Optional.empty()).getMessage())
                .contains("no branch or tag nope");
        assertThat(failure(new GitSource(origin.url(), "main", "missing"), Optional.empty()).getMessage())
                .contains("context directory missing");
        assertThat(failure(new GitSource(origin.url(), "main", "app"), Optional.of("0".repeat(40))).getMessage())
                .contains("commit " + "0".repeat(40));
    }

    @Test
    void shouldReportAMissingRepositoryApartFromAMissingRef() {
        SourceException missing = failure(new GitSource(dir.resolve("no-such-repo").toString(), "main", ""),
                Optional.empty());

        assertThat(missing.kind()).isEqualTo(Kind.NO_REPOSITORY);
        assertThat(missing.getMessage()).contains("no git repository at");
    }

    @Test
    void shouldRefuseAContextOutsideTheRepositoryAndABusyWorkDirectory() throws Exception {
        assertThat(failure(new GitSource(origin.url(), "main", "../elsewhere"), Optional.empty()).kind())
                .isEqualTo(Kind.INVALID);
        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("left-over"), "x");

        SourceException thrown = catchThrowableOfType(SourceException.class, () -> checkouts.checkout(
                new GitSource(origin.url(), "main", "app"), Optional.empty(), Optional.empty(), busy));

        assertThat(thrown.kind()).isEqualTo(Kind.INVALID);
    }

    @Test
    void shouldStopWithCanceledWhenTheThreadIsInterrupted() {
        Thread.currentThread().interrupt();
        try {
            SourceException thrown = catchThrowableOfType(SourceException.class, () -> checkouts.checkout(
                    new GitSource(origin.url(), "main", "app"), Optional.empty(), Optional.empty(), workDir()));

            assertThat(thrown.kind()).isEqualTo(Kind.CANCELED);
        } finally {
            Thread.interrupted();
        }
    }

    private SourceException failure(GitSource source, Optional<String> commit) {
        return catchThrowableOfType(SourceException.class,
                () -> checkouts.checkout(source, commit, Optional.empty(), workDir()));
    }

    private Path workDir() {
        return dir.resolve("work-" + workDirs++);
    }
}
