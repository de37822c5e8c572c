package dev.drydock.watch;

import static dev.drydock.watch.WatchTest.base;
import static dev.drydock.watch.WatchTest.track;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.testing.ScriptedRegistry;
import dev.drydock.testing.ScriptedRegistry.Answer;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A check that meets a 5xx or a 429 is retried within seconds, not after the base's interval; the base is reported
 * unreachable only when the retries are used up, and is then checked again on a short backoff.
 */
@QuarkusTest
class FlakyRegistryTest {

    private static final String FIRST = "sha256:" + "d".repeat(64);
    private static final String SECOND = "sha256:" + "e".repeat(64);

    /** What the scripted registry answers to successive manifest requests; empty: the current digest. */
    private final ConcurrentLinkedQueue<Integer> failures = new ConcurrentLinkedQueue<>();
    private volatile String digest = FIRST;
    private ScriptedRegistry registry;
    private List<Instant> heads;

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void shouldRetryTransientFailuresWithinSecondsAndKeepTheBaseOkMeanwhile() throws Exception {
        long id = track(start("flaky"), 3600);
        await().atMost(Duration.ofSeconds(10)).until(() -> FIRST.equals(base(id).path("digest").asText()));
        digest = SECOND;
        failures.addAll(List.of(500, 503, 429));
        heads.clear();

        // As a webhook would: a check now, which meets the 500.
        given().post("/api/v1/bases/" + id + "/check").then().statusCode(200);
        JsonNode afterFirstFailure = base(id);
        assertThat(afterFirstFailure.get("status").asText()).as("one 500 does not make a base unreachable").isEqualTo("ok");
        assertThat(afterFirstFailure.get("lastError").asText()).contains("500").contains("retry 1 of 4");

        await().atMost(Duration.ofSeconds(20)).until(() -> SECOND.equals(base(id).path("digest").asText()));
        assertThat(base(id).get("status").asText()).isEqualTo("ok");
        assertThat(heads).hasSize(4);
        assertThat(Duration.between(heads.get(0), heads.get(1))).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
        assertThat(Duration.between(heads.get(1), heads.get(2))).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(4));
        assertThat(Duration.between(heads.get(2), heads.get(3))).isBetween(Duration.ofMillis(3900), Duration.ofSeconds(7));
    }

    @Test
    void shouldReportUnreachableOnlyAfterTheRetriesAndThenCheckAgainSoon() throws Exception {
        long id = track(start("down"), 3600);
        await().atMost(Duration.ofSeconds(10)).until(() -> FIRST.equals(base(id).path("digest").asText()));
        for (int i = 0; i < 20; i++) {
            failures.add(503);
        }
        heads.clear();

        given().post("/api/v1/bases/" + id + "/check").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "unreachable".equals(base(id).get("status").asText()));

        assertThat(heads).as("the first check and its four retries").hasSize(5);
        assertThat(Duration.between(heads.get(0), heads.get(4))).isGreaterThanOrEqualTo(Duration.ofSeconds(14));
        JsonNode unreachable = base(id);
        Duration untilNext = Duration.between(Instant.parse(unreachable.get("lastCheckedAt").asText()),
                Instant.parse(unreachable.get("nextCheckAt").asText()));
        assertThat(untilNext).as("a short backoff, not the hour of its interval")
                .isBetween(Duration.ofSeconds(25), Duration.ofSeconds(35));
    }

    private String start(String name) throws IOException {
        registry = ScriptedRegistry.start(() -> {
            Integer failure = failures.poll();
            return failure != null ? Answer.status(failure) : Answer.digest(digest);
        });
        heads = registry.heads();
        return registry.host() + "/" + name + "/app:1";
    }
}
