package dev.drydock.watch;

import static dev.drydock.watch.WatchTest.base;
import static dev.drydock.watch.WatchTest.track;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drydock.foundation.BaseChangesRecorder;
import dev.drydock.testing.ScriptedRegistry;
import dev.drydock.testing.ScriptedRegistry.Answer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A webhook's digest is a hint: it never sets the digest, but a HEAD that disagrees is repeated within seconds. */
@QuarkusTest
class WebhookDigestHintTest {

    @Inject
    BaseChangesRecorder kafka;

    private static final String FIRST = "sha256:" + "f".repeat(64);
    private static final String SECOND = "sha256:" + "a1".repeat(32);
    private static final String FORGED = "sha256:" + "0".repeat(64);

    private List<Instant> heads;
    /** Answers with the old digest that many more times (a replica that has not caught up), then the new one. */
    private final AtomicInteger staleAnswers = new AtomicInteger(Integer.MAX_VALUE);

    @Test
    void shouldCheckAgainSoonWhenTheHeadDisagreesWithTheWebhooksDigest() throws Exception {
        try (ScriptedRegistry registry = start()) {
            String host = registry.host();
            long id = track(host + "/hinted/app:1", 3600);
            await().atMost(Duration.ofSeconds(10)).until(() -> FIRST.equals(base(id).path("digest").asText()));
            staleAnswers.set(1);
            heads.clear();

            deliver(host, SECOND);

            await().atMost(Duration.ofSeconds(10)).until(() -> SECOND.equals(base(id).path("digest").asText()));
            assertThat(heads).as("the webhook's check found the old digest, the one after it the new").hasSize(2);
            assertThat(WatchTest.awaitEvents(kafka, host + "/hinted/app:1", 1, Duration.ofSeconds(30)).get(0)
                    .get("detectedBy").asText()).isEqualTo("webhook");
        }
    }

    @Test
    void shouldNeverTakeTheWebhooksDigestWithoutTheRegistryConfirmingIt() throws Exception {
        try (ScriptedRegistry registry = start()) {
            String host = registry.host();
            long id = track(host + "/hinted/app:1", 3600);
            await().atMost(Duration.ofSeconds(10)).until(() -> FIRST.equals(base(id).path("digest").asText()));
            heads.clear();

            deliver(host, FORGED);

            // Sentinel: the re-check the disagreeing hint asked for has happened (the webhook's check and one more).
            await().atMost(Duration.ofSeconds(10)).until(() -> heads.size() >= 2);
            await().atMost(Duration.ofSeconds(5)).until(() -> !Instant.parse(base(id).path("lastCheckedAt").asText())
                    .isBefore(heads.get(1).minusMillis(50)));
            assertThat(base(id).get("digest").asText()).isEqualTo(FIRST);
        }
    }

    private static void deliver(String host, String digest) {
        given().header("Authorization", "Bearer " + RegistryWebhookTest.DISTRIBUTION_TOKEN)
                .contentType("application/vnd.docker.distribution.events.v1+json")
                .body(RegistryWebhookTest.distributionPush(host, "hinted/app", "1", digest))
                .post("/api/v1/webhooks/registry/distribution").then().statusCode(202);
    }

    private ScriptedRegistry start() throws IOException {
        ScriptedRegistry registry = ScriptedRegistry.start(() -> Answer.digest(
                staleAnswers.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0 ? FIRST : SECOND));
        heads = registry.heads();
        return registry;
    }
}
