package dev.drydock.watch;

import static dev.drydock.watch.WatchTest.base;
import static dev.drydock.watch.WatchTest.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.drydock.testing.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A registry that answers 429 is left alone until its Retry-After, and does not slow other registries down. */
@QuarkusTest
class RateLimitedRegistryTest {

    private static final String DIGEST = "sha256:" + "c".repeat(64);
    private static final int RETRY_AFTER_SECONDS = 4;

    @Test
    void shouldMarkABaseRateLimitedAndRetryOnlyAfterRetryAfterWhileOtherRegistriesCarryOn() throws Exception {
        List<Instant> heads = new CopyOnWriteArrayList<>();
        HttpServer throttling = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        throttling.createContext("/v2/", exchange -> answer(exchange, heads));
        throttling.start();
        try {
            String limited = "127.0.0.1:" + throttling.getAddress().getPort() + "/limited/app:1";
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
        } finally {
            throttling.stop(0);
        }
    }

    /** The first manifest request gets 429 with Retry-After; later ones get a manifest digest. */
    private static void answer(HttpExchange exchange, List<Instant> heads) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/v2/")) {
            exchange.sendResponseHeaders(200, -1);
        } else if (path.equals("/v2/limited/app/manifests/1")) {
            heads.add(Instant.now());
            if (heads.size() == 1) {
                exchange.getResponseHeaders().add("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
                exchange.sendResponseHeaders(429, -1);
            } else {
                exchange.getResponseHeaders().add("Docker-Content-Digest", DIGEST);
                exchange.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
                exchange.getResponseHeaders().add("Content-Length", "512");
                exchange.sendResponseHeaders(200, -1);
            }
        } else {
            exchange.sendResponseHeaders(404, -1);
        }
        exchange.close();
    }
}
