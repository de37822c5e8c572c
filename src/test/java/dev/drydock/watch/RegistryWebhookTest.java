package dev.drydock.watch;

import static dev.drydock.watch.WatchTest.awaitDigest;
import static dev.drydock.watch.WatchTest.track;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.foundation.BaseChangesRecorder;
import dev.drydock.testing.LocalRegistry;
import dev.drydock.testing.RegistryOptions;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Registry webhooks turn into immediate, HEAD-confirmed checks; bad deliveries change nothing. */
@QuarkusTest
class RegistryWebhookTest {

    static final String DISTRIBUTION_TOKEN = "test-distribution-token";

    @Inject
    BaseChangesRecorder kafka;

    @Test
    void shouldAnnounceAChangeNotifiedByDistributionExactlyOnce() throws Exception {
        String endpoint = "http://127.0.0.1:" + RestAssured.port + "/api/v1/webhooks/registry/distribution";
        try (LocalRegistry registry = LocalRegistry.start(RegistryOptions.anonymous()
                .withNotifications(endpoint, DISTRIBUTION_TOKEN))) {
            String reference = registry.host() + "/hooked/app:1";
            String first = TestImages.push(reference).digest();
            long id = track(reference, 3600);
            awaitDigest(id, first);

            String second = TestImages.push(reference).digest();

            List<JsonNode> events = WatchTest.awaitEvents(kafka, reference, 1, Duration.ofSeconds(30));
            assertThat(events.get(0).get("detectedBy").asText()).isEqualTo("webhook");
            assertThat(events.get(0).get("previousDigest").asText()).isEqualTo(first);
            assertThat(events.get(0).get("digest").asText()).isEqualTo(second);

            // The same delivery again (as a registry retry would send it): checked, but no second change.
            String payload = distributionPush(registry.host(), "hooked/app", "1", second);
            String checkedAt = WatchTest.base(id).get("lastCheckedAt").asText();
            given().header("Authorization", "Bearer " + DISTRIBUTION_TOKEN)
                    .contentType("application/vnd.docker.distribution.events.v1+json").body(payload)
                    .post("/api/v1/webhooks/registry/distribution").then().statusCode(202)
                    .body("checking", hasItem(reference));
            await().atMost(Duration.ofSeconds(10)).until(() -> !WatchTest.base(id).get("lastCheckedAt").asText().equals(checkedAt));
            assertThat(WatchTest.eventsFor(kafka, reference)).hasSize(1);
        }
    }

    @Test
    void shouldRefuseAnUnauthenticatedDistributionWebhookAndCheckNothing() throws Exception {
        String reference = WatchTest.upstream("unauth") + ":1";
        String first = TestImages.push(reference).digest();
        long id = track(reference, 3600);
        awaitDigest(id, first);
        TestImages.push(reference);
        String payload = distributionPush(TestStack.get().upstreamRegistry().host(), repository(reference), "1",
                "sha256:" + "b".repeat(64));

        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body(payload)
                .post("/api/v1/webhooks/registry/distribution").then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).body(payload)
                .post("/api/v1/webhooks/registry/distribution").then().statusCode(401);

        // Sentinel: an authenticated delivery for another base that changed. Once its change is on Kafka, a check the
        // refused deliveries had started would have announced its change too.
        String sentinel = WatchTest.upstream("unauth-sentinel") + ":1";
        String sentinelFirst = TestImages.push(sentinel).digest();
        long sentinelId = track(sentinel, 3600);
        awaitDigest(sentinelId, sentinelFirst);
        String sentinelSecond = TestImages.push(sentinel).digest();
        given().header("Authorization", "Bearer " + DISTRIBUTION_TOKEN).contentType(ContentType.JSON)
                .body(distributionPush(TestStack.get().upstreamRegistry().host(), repository(sentinel), "1", sentinelSecond))
                .post("/api/v1/webhooks/registry/distribution").then().statusCode(202);
        WatchTest.awaitEvents(kafka, sentinel, 1, Duration.ofSeconds(30));

        assertThat(WatchTest.eventsFor(kafka, reference)).isEmpty();
        assertThat(WatchTest.base(id).get("digest").asText()).isEqualTo(first);
    }

    @Test
    void shouldRejectAMalformedWebhookNamingWhatIsWrong() {
        given().header("Authorization", "Bearer " + DISTRIBUTION_TOKEN).contentType(ContentType.JSON).body("{\"events\": ")
                .post("/api/v1/webhooks/registry/distribution").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("field", equalTo("body"));
        given().header("Authorization", "Bearer " + DISTRIBUTION_TOKEN).contentType(ContentType.JSON).body("{\"events\": 3}")
                .post("/api/v1/webhooks/registry/distribution").then().statusCode(400).body("field", equalTo("events"));
        given().header("Authorization", "Bearer " + DISTRIBUTION_TOKEN).contentType(ContentType.JSON)
                .body("{\"events\":[{\"action\":\"push\",\"target\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"tag\":\"1\",\"repository\":\"Bad Repo\"},\"request\":{\"host\":\"127.0.0.1:1\"}}]}")
                .post("/api/v1/webhooks/registry/distribution").then().statusCode(400)
                .body("field", equalTo("events[0].target"));
        given().queryParam("secret", "test-dockerhub-secret").contentType(ContentType.JSON).body("{\"repository\":{}}")
                .post("/api/v1/webhooks/registry/dockerhub").then().statusCode(400).body("field", equalTo("push_data"));
    }

    @Test
    void shouldTurnDockerHubAndHarborPushesIntoChecks() throws Exception {
        String reference = WatchTest.upstream("harbor") + ":2";
        String first = TestImages.push(reference).digest();
        long id = track(reference, 3600);
        awaitDigest(id, first);
        String second = TestImages.push(reference).digest();
        String harbor = """
                {"type":"PUSH_ARTIFACT","occur_at":1700000000,"operator":"ci",
                 "event_data":{"resources":[{"digest":"%s","tag":"2","resource_url":"%s"}],
                               "repository":{"name":"x","namespace":"watch","repo_full_name":"watch/x","repo_type":"private"}}}"""
                .formatted(second, reference);

        given().header("Authorization", "wrong").contentType(ContentType.JSON).body(harbor)
                .post("/api/v1/webhooks/registry/harbor").then().statusCode(401);
        given().header("Authorization", "test-harbor-secret").contentType(ContentType.JSON).body(harbor)
                .post("/api/v1/webhooks/registry/harbor").then().statusCode(202).body("checking", hasItem(reference));
        List<JsonNode> events = WatchTest.awaitEvents(kafka, reference, 1, Duration.ofSeconds(20));
        assertThat(events.get(0).get("detectedBy").asText()).isEqualTo("webhook");

        String hub = """
                {"callback_url":"https://registry.hub.docker.com/u/acme/app/hook/x/","push_data":{"pushed_at":1700000000,"pusher":"acme","tag":"3"},
                 "repository":{"repo_name":"acme/app-%s","name":"app","namespace":"acme","status":"Active"}}"""
                .formatted(UUID.randomUUID());
        given().queryParam("secret", "test-dockerhub-secret").contentType(ContentType.JSON).body(hub)
                .post("/api/v1/webhooks/registry/dockerhub").then().statusCode(202)
                .body("untracked[0]", startsWith("docker.io/acme/app-"));
        given().queryParam("secret", "nope").contentType(ContentType.JSON).body(hub)
                .post("/api/v1/webhooks/registry/dockerhub").then().statusCode(401);
    }

    private static String repository(String reference) {
        return reference.substring(reference.indexOf('/') + 1, reference.lastIndexOf(':'));
    }

    static String distributionPush(String host, String repository, String tag, String digest) {
        return """
                {"events":[{"id":"%s","timestamp":"2026-12-01T00:00:00Z","action":"push",
                  "target":{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":500,"digest":"%s","length":500,
                            "repository":"%s","url":"http://%s/v2/%s/manifests/%s","tag":"%s"},
                  "request":{"id":"r1","addr":"127.0.0.1:1","host":"%s","method":"PUT","useragent":"skopeo"}}]}"""
                .formatted(UUID.randomUUID(), digest, repository, host, repository, digest, tag, host);
    }
}
