package dev.drydock.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.source.SourceException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build file that is a link: read by real path inside the checkout, at registration (from the mirror) and in a
 * build (from the checkout); one leading outside is an error naming the path, never a read.
 */
class BuildFileLinkTest {

    private static final String SECRET = "DRYDOCK_API_TOKEN=s3cr3t-from-the-host";

    @TempDir
    Path dir;

    private OriginRepository origin;
    private SourceCheckout checkouts;

    @BeforeEach
    void origin() throws Exception {
        Path secret = Files.writeString(dir.resolve("environ"), SECRET);
        origin = OriginRepository.create(dir.resolve("origin"));
        ObjectId real = blob("FROM base:1\n");
        ObjectId docker = origin.tree(t -> t.append("Dockerfile", FileMode.REGULAR_FILE, real));
        ObjectId absolute = blob(secret.toString());
        ObjectId relative = blob("../../environ");
        ObjectId outsideDir = blob(dir.toString());
        ObjectId inside = blob("docker/Dockerfile");
        ObjectId app = origin.tree(t -> {
            t.append("Dockerfile.absolute", FileMode.SYMLINK, absolute);
            t.append("Dockerfile.inside", FileMode.SYMLINK, inside);
            t.append("Dockerfile.relative", FileMode.SYMLINK, relative);
            t.append("docker", FileMode.TREE, docker);
            t.append("host", FileMode.SYMLINK, outsideDir);
        });
        origin.commitTree(origin.tree(t -> t.append("app", FileMode.TREE, app)));
        checkouts = new SourceCheckout(dir.resolve("cache"), SourceLimits.DEFAULT, GitUrlPolicy.ALLOW_INSECURE);
    }

    @AfterEach
    void close() {
        origin.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Dockerfile.absolute", "Dockerfile.relative", "host/environ"})
    void shouldRefuseToReadABuildFileThatLeadsOutsideTheCheckoutFromTheMirror(String path) {
        SourceException thrown = catchThrowableOfType(SourceException.class, () -> checkouts.readFile(source(),
                Optional.empty(), Optional.empty(), path, 1_000_000));

        assertThat(thrown.kind()).isEqualTo(Kind.BAD_FILE);
        assertThat(thrown.getMessage()).contains(path).contains("outside the checkout").doesNotContain("s3cr3t");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Dockerfile.absolute", "Dockerfile.relative", "host/environ"})
    void shouldRefuseToReadABuildFileThatLeadsOutsideTheCheckoutFromTheCheckout(String path) {
        Checkout checkout = checkouts.checkout(source(), Optional.empty(), Optional.empty(), dir.resolve("work"));

        SourceException thrown = catchThrowableOfType(SourceException.class,
                () -> CheckoutFiles.read(checkout.contextDir(), path, 1_000_000));

        assertThat(thrown.kind()).isEqualTo(Kind.BAD_FILE);
        assertThat(thrown.getMessage()).contains(path).contains("outside the checkout").doesNotContain("s3cr3t");
    }

    @Test
    void shouldReadABuildFileLinkedInsideTheCheckoutBothWays() {
        SourceCheckout.FileAtCommit file = checkouts.readFile(source(), Optional.empty(), Optional.empty(),
                "Dockerfile.inside", 1_000_000);
        Checkout checkout = checkouts.checkout(source(), Optional.empty(), Optional.empty(), dir.resolve("work"));

        assertThat(new String(file.content().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("FROM base:1\n");
        assertThat(new String(CheckoutFiles.read(checkout.contextDir(), "Dockerfile.inside", 1_000_000),
                StandardCharsets.UTF_8)).isEqualTo("FROM base:1\n");
    }

    @Test
    void shouldRefuseABuildFileOverTheSizeLimit() {
        SourceException thrown = catchThrowableOfType(SourceException.class, () -> checkouts.readFile(source(),
                Optional.empty(), Optional.empty(), "docker/Dockerfile", 4));

        assertThat(thrown.kind()).isEqualTo(Kind.BAD_FILE);
        assertThat(thrown.getMessage()).contains("larger than 4 bytes");
    }

    private GitSource source() {
        return new GitSource(origin.url(), "main", "app");
    }

    private ObjectId blob(String content) {
        try {
            return origin.blob(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
