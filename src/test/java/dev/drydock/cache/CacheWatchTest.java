package dev.drydock.cache;

import static dev.drydock.task.TaskFixtures.create;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestImages.PushedImage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cache stays fresh without pulls: a cached tag that a task builds FROM is re-checked upstream with one HEAD per
 * refresh and re-synced when upstream moves, which rebuilds the task with the causal chain; a rule's syncTags
 * imports the matching tags as they appear upstream. Real upstream and private Distributions, real Kafka.
 */
@QuarkusTest
@TestProfile(PullThroughProfile.class)
class CacheWatchTest {

    static final String UPSTREAM = PullThroughProfile.UPSTREAM.host();

    @BeforeEach
    void openAnonymousPull() {
        PullThroughTest.anonymousPull(true); // the tests' own pulls through the front, with skopeo
    }

    @AfterEach
    void closeAnonymousPull() {
        PullThroughTest.anonymousPull(false);
    }

    @Test
    void shouldRebuildATaskFromACachedTagAfterUpstreamChangesWithTheChainAndOneHeadPerRecheck() throws Exception {
        String repository = unique("based") + "/app";
        String rule = unique("based");
        String upstream = UPSTREAM + "/" + repository + ":1.27";
        String cached = PullThroughProfile.FRONT + "/cache/" + repository + ":1.27";
        PushedImage first = TestImages.builder().randomLayer(2048).push(upstream);
        PullThroughTest.rule(rule, UPSTREAM, repository);
        String task = unique("from-cache");
        create(Map.of("name", task,
                "source", Map.of("inline", Map.of("files", Map.of(
                        "Dockerfile", "FROM " + cached + "\nCOPY app.txt /app/app.txt\n", "app.txt", "app\n"))),
                "images", List.of(PullThroughProfile.FRONT + "/apps/" + task + ":latest"))).statusCode(201);

        // Not cached yet: the watch fills it, and the base appearing builds the task.
        JsonPath filled = awaitRuns(task, 1).get(0);
        assertThat(filled.getString("status")).isEqualTo("Succeeded");
        assertThat(filled.getString("pinned['" + cached + "']")).isEqualTo(first.digest());
        assertThat(filled.getString("cause[0].detectedBy")).isEqualTo("cache");
        assertThat(filled.getString("cause[0].upstream.reference")).isEqualTo(upstream);
        assertThat(ruleOf(rule).getLong("hits") + ruleOf(rule).getLong("misses")).as("the watch is not a pull").isZero();

        // Nothing changed upstream: each re-check is one HEAD and no GET.
        long heads = PullThroughTest.upstreamRequests("HEAD", repository);
        long gets = PullThroughTest.upstreamRequests("GET", repository);
        Instant checked = Instant.parse(ruleOf(rule).getString("lastCheck"));
        Instant recheck = awaitCheckAfter(rule, checked);
        awaitCheckAfter(rule, recheck);
        assertThat(PullThroughTest.upstreamRequests("HEAD", repository) - heads).as("HEADs of two re-checks").isEqualTo(2);
        assertThat(PullThroughTest.upstreamRequests("GET", repository)).as("GETs while nothing changed").isEqualTo(gets);

        PushedImage second = TestImages.builder().randomLayer(2048).push(upstream);
        JsonPath rebuilt = awaitRuns(task, 2).get(0);
        assertThat(rebuilt.getString("status")).isEqualTo("Succeeded");
        assertThat(rebuilt.getString("trigger")).isEqualTo("ImageUpdate");
        assertThat(rebuilt.getString("pinned['" + cached + "']")).as("re-synced before the rebuild").isEqualTo(second.digest());
        assertThat(rebuilt.getString("cause[0].reference")).isEqualTo(cached);
        assertThat(rebuilt.getString("cause[0].detectedBy")).isEqualTo("cache");
        assertThat(rebuilt.getString("cause[0].upstream.reference")).isEqualTo(upstream);
        assertThat(rebuilt.getString("cause[0].upstream.previousDigest")).isEqualTo(first.digest());
        assertThat(rebuilt.getString("cause[0].upstream.digest")).isEqualTo(second.digest());
        assertThat(PullThroughTest.pulledDigest("cache/" + repository + "@" + first.digest()))
                .as("the old digest stays pullable").isEqualTo(first.digest());
    }

    @Test
    void shouldImportTheTagsSyncTagsMatchesAsTheyAppearAndIgnoreTheOthers() {
        String repository = unique("synced") + "/app";
        String rule = unique("synced");
        for (String tag : List.of("1.25.0", "1.26.1", "1.26.1-alpine", "2.0.0", "dev")) {
            TestImages.builder().randomLayer(512).push(UPSTREAM + "/" + repository + ":" + tag);
        }
        given().contentType(ContentType.JSON).body(Map.of("name", rule, "source", UPSTREAM + "/" + repository,
                "target", "cache/" + repository, "refresh", "PT5S",
                "syncTags", Map.of("semver", ">=1.25 <2", "exclude", ".*-alpine")))
                .post("/api/v1/cache-rules").then().statusCode(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> imported(repository).containsAll(List.of("1.25.0", "1.26.1")));
        assertThat(imported(repository)).containsExactlyInAnyOrder("1.25.0", "1.26.1");

        // A new matching tag, pushed after a new tag that does not match: the round that lists the first lists both.
        TestImages.builder().randomLayer(512).push(UPSTREAM + "/" + repository + ":1.27.0-alpine");
        PushedImage newest = TestImages.builder().randomLayer(512).push(UPSTREAM + "/" + repository + ":1.27.0");
        await().atMost(Duration.ofSeconds(30)).until(() -> imported(repository).contains("1.27.0"));
        assertThat(imported(repository)).containsExactlyInAnyOrder("1.25.0", "1.26.1", "1.27.0");
        assertThat(ruleOf(rule).getString("lastError")).isNull();
        assertThat(PullThroughTest.pulledDigest("cache/" + repository + ":1.27.0")).isEqualTo(newest.digest());
    }

    /** The tags of {@code repository} that imports brought into the cache. */
    static List<String> imported(String repository) {
        String prefix = UPSTREAM + "/" + repository + ":";
        return given().queryParam("size", 500).get("/api/v1/imports").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.status == 'Succeeded' }.source", String.class)
                .stream().filter(s -> s.startsWith(prefix)).map(s -> s.substring(prefix.length())).distinct().toList();
    }

    static JsonPath ruleOf(String name) {
        return PullThroughTest.ruleOf(name);
    }

    /** Waits for the rule's next upstream check after {@code after}, and returns its time. */
    static Instant awaitCheckAfter(String rule, Instant after) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> Instant.parse(ruleOf(rule).getString("lastCheck")).isAfter(after));
        return Instant.parse(ruleOf(rule).getString("lastCheck"));
    }

    /** Waits until the task has {@code n} finished runs; newest first. */
    static List<JsonPath> awaitRuns(String task, int n) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<Map<String, Object>> runs = given().get("/api/v1/runs?task=" + task).then().statusCode(200).extract()
                    .jsonPath().getList("items");
            return runs.size() >= n && runs.stream().allMatch(r -> r.get("finishedAt") != null);
        });
        List<Map<String, Object>> runs = given().get("/api/v1/runs?task=" + task).then().extract().jsonPath().getList("items");
        return runs.stream().map(r -> JsonPath.from(given().get("/api/v1/runs/" + r.get("id")).then().statusCode(200)
                .extract().asString())).toList();
    }
}
