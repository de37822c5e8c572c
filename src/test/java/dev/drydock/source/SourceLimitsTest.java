package dev.drydock.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.source.SourceException.Kind;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a fetch may receive, a checkout may write and the mirrors may keep. */
class SourceLimitsTest {

    @TempDir
    Path dir;

    @Test
    void shouldFailAFetchOverTheLimitNamingTheSetting() throws Exception {
        try (OriginRepository origin = OriginRepository.create(dir.resolve("big"))) {
            origin.commit("big", Map.of("Dockerfile", "FROM base:1\n", "data.txt", random(3 << 20, 1)));
            SourceCheckout checkouts = checkouts(new SourceLimits(1 << 20, 100, 1L << 30, 1L << 30));

            SourceException thrown = catchThrowableOfType(SourceException.class, () -> checkouts.checkout(
                    GitSource.of(origin.url(), "main"), Optional.empty(), Optional.empty(), dir.resolve("work")));

            assertThat(thrown.kind()).isEqualTo(Kind.INVALID);
            assertThat(thrown.getMessage()).contains("drydock.source.max-fetch-bytes");
        }
    }

    @Test
    void shouldStopAFetchOverHttpWithinTheLimitWhileASingleHugeObjectStreams() throws Exception {
        // One blob of about 48 MiB in the pack (hex does not compress below half), against a 1 MiB cap: the size
        // check between objects would only come after all of it was received.
        try (OriginRepository origin = OriginRepository.create(dir.resolve("huge"));
                SmartHttpGitServer server = SmartHttpGitServer.serving("127.0.0.1", origin.repository())) {
            origin.commit("huge", Map.of("Dockerfile", "FROM base:1\n", "data.txt", random(96 << 20, 5)));
            SourceCheckout checkouts = checkouts(new SourceLimits(1 << 20, 100, 1L << 30, 1L << 30));
            String url = server.origin("127.0.0.1") + "/acme/huge.git";

            SourceException thrown = catchThrowableOfType(SourceException.class, () -> checkouts.checkout(
                    GitSource.of(url, "main"), Optional.empty(), Optional.empty(), dir.resolve("work")));

            assertThat(thrown.kind()).isEqualTo(Kind.INVALID);
            assertThat(thrown.getMessage()).contains("drydock.source.max-fetch-bytes");
            assertThat(server.packBytesSent()).as("pack bytes the server could send before the fetch stopped")
                    .isLessThan(24L << 20);
        }
    }

    @Test
    void shouldFailACheckoutThatWritesMoreThanTheLimit() throws Exception {
        try (OriginRepository origin = OriginRepository.create(dir.resolve("zeros"))) {
            // Compresses to almost nothing, expands to 4 MiB.
            origin.commit("zeros", Map.of("zeros.txt", "0".repeat(4 << 20)));
            SourceCheckout checkouts = checkouts(new SourceLimits(1 << 20, 100, 1 << 20, 1L << 30));

            SourceException thrown = catchThrowableOfType(SourceException.class, () -> checkouts.checkout(
                    GitSource.of(origin.url(), "main"), Optional.empty(), Optional.empty(), dir.resolve("work")));

            assertThat(thrown.getMessage()).contains("drydock.source.max-checkout-bytes");
        }
    }

    @Test
    void shouldEvictTheLeastRecentlyUsedMirrorPastTheLimit() throws Exception {
        try (OriginRepository first = OriginRepository.create(dir.resolve("first"));
                OriginRepository second = OriginRepository.create(dir.resolve("second"));
                OriginRepository third = OriginRepository.create(dir.resolve("third"))) {
            first.commit("one", Map.of("data.txt", random(200_000, 2)));
            second.commit("one", Map.of("data.txt", random(200_000, 3)));
            third.commit("one", Map.of("data.txt", random(200_000, 4)));
            SourceCheckout checkouts = checkouts(new SourceLimits(1 << 20, 100, 1L << 30, 250_000));

            checkouts.checkout(GitSource.of(first.url(), "main"), Optional.empty(), Optional.empty(), dir.resolve("w1"));
            checkouts.checkout(GitSource.of(second.url(), "main"), Optional.empty(), Optional.empty(), dir.resolve("w2"));
            // each mirror holds about 100 kB; first is used again, so second is now the least recently used
            checkouts.checkout(GitSource.of(first.url(), "main"), Optional.empty(), Optional.empty(), dir.resolve("w3"));
            checkouts.checkout(GitSource.of(third.url(), "main"), Optional.empty(), Optional.empty(), dir.resolve("w4"));

            assertThat(checkouts.hasMirror(third.url())).isTrue();
            assertThat(checkouts.hasMirror(first.url())).isTrue();
            assertThat(checkouts.hasMirror(second.url())).isFalse();
        }
    }

    @Test
    void shouldRemoveAMirrorOnRequest() throws Exception {
        try (OriginRepository origin = OriginRepository.create(dir.resolve("origin"))) {
            origin.commit("one", Map.of("Dockerfile", "FROM base:1\n"));
            SourceCheckout checkouts = checkouts(SourceLimits.DEFAULT);
            checkouts.readFile(GitSource.of(origin.url(), "main"), Optional.empty(), Optional.empty(), "Dockerfile", 1000);

            assertThat(checkouts.hasMirror(origin.url())).isTrue();
            checkouts.removeMirror(origin.url());
            assertThat(checkouts.hasMirror(origin.url())).isFalse();
        }
    }

    private SourceCheckout checkouts(SourceLimits limits) {
        return new SourceCheckout(dir.resolve("cache"), limits, GitUrlPolicy.ALLOW_INSECURE);
    }

    /** Text that does not compress: hex of random bytes. */
    private static String random(int chars, long seed) {
        byte[] bytes = new byte[chars / 2];
        new Random(seed).nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
