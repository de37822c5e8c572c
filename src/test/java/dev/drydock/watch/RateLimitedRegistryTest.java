package dev.drydock.watch;

import static dev.drydock.watch.WatchTest.base;
import static dev.drydock.watch.WatchTest.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drydock.testing.ScriptedRegistry;
import dev.drydock.testing.ScriptedRegistry.Answer;
import dev.drydock.testing.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A registry that answers 429 is left alone until its Retry-After, and does not slow other registries down. */
@QuarkusTest
class RateLimitedRegistryTest {

    private static final String DIGEST = "sha256:" + "c".repeat(64);
    private static final int RETRY_AFTER_SECONDS = 4;

    @Test
    void shouldMarkABaseRateLimitedAndRetryOnlyAfterRetryAfterWhileOtherRegistriesCarryOn() throws Exception {
        // The first manifest request gets 429 with Retry-After; later ones get a manifest digest.
        AtomicInteger requests = new AtomicInteger();
        try (ScriptedRegistry throttling = ScriptedRegistry.start(() -> requests.incrementAndGet() == 1
                ? Answer.status(429).withHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))
                : Answer.digest(DIGEST))) {
            List<Instant> heads = throttling.heads();
            String limited = throttling.host() + "/limited/app:1";
            long limitedId = track(limited, 3600);
            await().atMost(Duration.ofSeconds(10)).until(() -> "rate-limited".equals(base(limitedId).get("status").asText()));
            Instant limitedAt = Instant.now();

            // Another registry's base is checked at once, while the throttling one waits out its Retry-After.
            String other = WatchTest.upstream("neighbour") + ":1";
            String digest = TestImages.push(other).digest();
            long otherId = track(other, 3600);
            await().atMost(Duration.ofSeconds(3)).until(() -> digest.equals(base(otherId).path("digest").asText()));
            assertThat(Duration.between(limitedAt, Instant.now())).isLessThan(Duration.ofSeconds(RETRY_AFTER_SECONDS));
            assertThat(base(limitedId).get("status").asText()).isEqualTo("rate-limited");
            assertThat(base(limitedId).get("lastError").asText()).contains("rate limiting").contains("retry after 4s");

            await().atMost(Duration.ofSeconds(20)).until(() -> "ok".equals(base(limitedId).get("status").asText()));
            assertThat(base(limitedId).get("digest").asText()).isEqualTo(DIGEST);
            assertThat(heads).hasSize(2);
            assertThat(Duration.between(heads.get(0), heads.get(1)))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(RETRY_AFTER_SECONDS));
        }
    }
}
