package dev.drydock.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.source.SourceException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trees a hostile repository can hold, made with JGit's inserter since {@code git add} never makes them. */
class HostileTreeTest {

    @TempDir
    Path dir;

    private OriginRepository origin;
    private SourceCheckout checkouts;
    private Path outside;

    @BeforeEach
    void origin() throws Exception {
        origin = OriginRepository.create(dir.resolve("origin"));
        outside = Files.createDirectories(dir.resolve("outside"));
        checkouts = new SourceCheckout(dir.resolve("cache"), SourceLimits.DEFAULT, GitUrlPolicy.ALLOW_INSECURE);
    }

    @AfterEach
    void close() {
        origin.close();
    }

    @Test
    void shouldRefuseATreeWithALinkAndADirectoryOfOneNameWritingNothingOutside() throws Exception {
        ObjectId inner = origin.tree(t -> t.append("pwned", FileMode.REGULAR_FILE, blob("written through the link")));
        ObjectId link = blob(outside.toString());
        ObjectId dockerfile = blob("FROM base:1\n");
        origin.commitTree(origin.tree(t -> {
            t.append("Dockerfile", FileMode.REGULAR_FILE, dockerfile);
            t.append("x", FileMode.SYMLINK, link);
            t.append("x", FileMode.TREE, inner);
        }));

        SourceException thrown = checkoutFails(Optional.empty());

        assertThat(thrown.kind()).isEqualTo(Kind.INVALID);
        assertThat(thrown.getMessage()).contains("duplicate");
        assertThat(listing(outside)).isEmpty();
    }

    @Test
    void shouldRefuseALinkAndADirectoryOfOneNameEvenWhenTheDirectoryComesFirst() throws Exception {
        ObjectId inner = origin.tree(t -> t.append("pwned", FileMode.REGULAR_FILE, blob("written through the link")));
        ObjectId link = blob(outside.toString());
        origin.commitTree(origin.tree(t -> {
            t.append("x", FileMode.TREE, inner);
            t.append("x", FileMode.SYMLINK, link);
        }));

        assertThat(checkoutFails(Optional.empty()).kind()).isEqualTo(Kind.INVALID);
        assertThat(listing(outside)).isEmpty();
    }

    @Test
    void shouldRefuseAGitDirectoryInAnyCase() throws Exception {
        ObjectId config = blob("[core]\n\tfsmonitor = touch /tmp/pwned\n");
        ObjectId inner = origin.tree(t -> t.append("config", FileMode.REGULAR_FILE, config));
        origin.commitTree(origin.tree(t -> t.append(".GIT", FileMode.TREE, inner)));

        assertThat(checkoutFails(Optional.empty()).kind()).isEqualTo(Kind.INVALID);
    }

    @Test
    void shouldRefuseAMalformedTreeWhenFetchingItWhole() throws Exception {
        ObjectId inner = origin.tree(t -> t.append("pwned", FileMode.REGULAR_FILE, blob("x")));
        ObjectId link = blob(outside.toString());
        String commit = origin.commitTree(origin.tree(t -> {
            t.append("x", FileMode.SYMLINK, link);
            t.append("x", FileMode.TREE, inner);
        }));

        // A commit asked for by id on an empty mirror is fetched with its history: git fsck runs on the fetch.
        SourceException thrown = checkoutFails(Optional.of(commit));

        assertThat(thrown.kind()).isEqualTo(Kind.INVALID);
        assertThat(thrown.getMessage()).startsWith("fetching");
        assertThat(listing(outside)).isEmpty();
    }

    @Test
    void shouldCheckOutLinksAsLinksWithoutFollowingThem() throws Exception {
        ObjectId link = blob(outside.toString());
        ObjectId dockerfile = blob("FROM base:1\n");
        origin.commitTree(origin.tree(t -> {
            t.append("Dockerfile", FileMode.REGULAR_FILE, dockerfile);
            t.append("out", FileMode.SYMLINK, link);
        }));

        Checkout checkout = checkouts.checkout(new GitSource(origin.url(), "main", ""), Optional.empty(),
                Optional.empty(), dir.resolve("work"));

        assertThat(Files.isSymbolicLink(checkout.contextDir().resolve("out"))).isTrue();
        assertThat(checkout.contextDir().resolve("Dockerfile")).hasContent("FROM base:1");
    }

    private SourceException checkoutFails(Optional<String> commit) {
        return catchThrowableOfType(SourceException.class, () -> checkouts.checkout(
                new GitSource(origin.url(), "main", ""), commit, Optional.empty(), dir.resolve("work")));
    }

    private ObjectId blob(String content) {
        try {
            return origin.blob(content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.util.List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
