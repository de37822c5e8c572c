package dev.drydock.cache;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.image.Digest;
import dev.drydock.task.TaskFixtures;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestImages.PushedImage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pulls through the front of cache targets, with skopeo, against a real upstream Distribution: the first pull
 * fills the cache through an import, later pulls are served from it, upstream is asked with one HEAD at most once
 * per refresh, a new upstream digest is imported, and an upstream that is down or answers 429 leaves the cached copy
 * served with the error on the rule.
 */
@QuarkusTest
@TestProfile(PullThroughProfile.class)
class PullThroughTest {

    static final String FRONT = PullThroughProfile.FRONT;
    static final String REFRESH = "PT5S";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeEach
    void openAnonymousPull() {
        anonymousPull(true);
    }

    @AfterEach
    void closeAnonymousPull() {
        anonymousPull(false);
        PullThroughProfile.UPSTREAM.startProcess();
    }

    static void anonymousPull(boolean enabled) {
        given().contentType(ContentType.JSON).body("{\"anonymousPullEnabled\":" + enabled + "}").patch("/api/v1/registry")
                .then().statusCode(200);
    }

    /** A rule caching {@code upstreamHost/repository} in {@code cache/repository}. */
    static void rule(String name, String upstreamHost, String repository) {
        given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"source\":\"" + upstreamHost + "/" + repository
                + "\",\"target\":\"cache/" + repository + "\",\"refresh\":\"" + REFRESH + "\"}")
                .post("/api/v1/cache-rules").then().statusCode(201);
    }

    static JsonPath ruleOf(String name) {
        return given().get("/api/v1/cache-rules/" + name).then().statusCode(200).extract().jsonPath();
    }

    /** The digest of the manifest bytes a pull through the front gets ({@code skopeo inspect --raw}, a GET). */
    static String pulledDigest(String reference) {
        return Digest.sha256Of(Skopeo.rawBytes(FRONT + "/" + reference)).toString();
    }

    /** A full pull through the front: manifest and every blob, into an OCI layout. */
    static void copy(String reference) throws Exception {
        Path dir = Files.createTempDirectory("pull-through");
        Process p = new ProcessBuilder("skopeo", "copy", "--src-tls-verify=false", "docker://" + FRONT + "/" + reference,
                "oci:" + dir + ":x").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0).as(output).isTrue();
    }

    /** Manifest requests of {@code method} for {@code repository} in the upstream's access log. */
    static long upstreamRequests(String method, String repository) throws IOException {
        return Files.readAllLines(PullThroughProfile.UPSTREAM.log()).stream()
                .filter(l -> l.contains("\"" + method + " /v2/" + repository + "/manifests/")).count();
    }

    /** Waits until the rule's last check is older than its refresh: the next pull asks upstream again. */
    static void awaitStale(String name) throws InterruptedException {
        Instant last = Instant.parse(ruleOf(name).getString("lastCheck"));
        Instant stale = last.plus(Duration.parse(REFRESH)).plusMillis(100);
        while (Instant.now().isBefore(stale)) {
            Thread.sleep(Math.max(10, Duration.between(Instant.now(), stale).toMillis()));
        }
    }

    @Test
    void shouldFillAnUncachedTagOnTheFirstPullAndServeLaterPullsFromTheCache() throws Exception {
        String repository = TaskFixtures.unique("first") + "/app";
        String name = TaskFixtures.unique("first");
        PushedImage image = TestImages.builder().randomLayer(4096).push(PullThroughProfile.UPSTREAM.host() + "/" + repository + ":1.27");
        rule(name, PullThroughProfile.UPSTREAM.host(), repository);

        copy("cache/" + repository + ":1.27");

        assertThat(pulledDigest("cache/" + repository + ":1.27")).isEqualTo(image.digest());
        JsonPath rule = ruleOf(name);
        assertThat(rule.getLong("misses")).as("the first pull fetched upstream").isEqualTo(1);
        long hits = rule.getLong("hits");
        // Landed in the cache: the backend holds it under the target, as the import put it.
        assertThat(given().queryParam("size", 500).get("/api/v1/imports").then().extract().jsonPath()
                .getList("items.source", String.class)).contains(PullThroughProfile.UPSTREAM.host() + "/" + repository + ":1.27");
        long gets = upstreamRequests("GET", repository);
        long heads = upstreamRequests("HEAD", repository);
        assertThat(pulledDigest("cache/" + repository + ":1.27")).isEqualTo(image.digest());
        assertThat(upstreamRequests("GET", repository)).as("a pull within refresh asks upstream nothing").isEqualTo(gets);
        assertThat(upstreamRequests("HEAD", repository)).isEqualTo(heads);
        assertThat(ruleOf(name).getLong("hits")).as("the later pull, served from the cache").isEqualTo(hits + 1);
        assertThat(ruleOf(name).getLong("misses")).isEqualTo(1);
    }

    @Test
    void shouldRecheckWithOneHeadPerRefreshAndImportANewUpstreamDigest() throws Exception {
        String repository = TaskFixtures.unique("fresh") + "/app";
        String name = TaskFixtures.unique("fresh");
        String upstream = PullThroughProfile.UPSTREAM.host() + "/" + repository + ":1";
        PushedImage first = TestImages.builder().randomLayer(2048).push(upstream);
        rule(name, PullThroughProfile.UPSTREAM.host(), repository);
        assertThat(pulledDigest("cache/" + repository + ":1")).isEqualTo(first.digest());

        awaitStale(name);
        long heads = upstreamRequests("HEAD", repository);
        long gets = upstreamRequests("GET", repository);
        assertThat(pulledDigest("cache/" + repository + ":1")).isEqualTo(first.digest());
        assertThat(upstreamRequests("HEAD", repository) - heads).as("HEADs of one re-check").isEqualTo(1);
        assertThat(upstreamRequests("GET", repository) - gets).as("GETs when nothing changed").isZero();

        PushedImage second = TestImages.builder().randomLayer(2048).push(upstream);
        Instant pushed = Instant.now();
        String served = first.digest();
        while (!served.equals(second.digest()) && Instant.now().isBefore(pushed.plus(Duration.parse(REFRESH)).plusSeconds(5))) {
            Thread.sleep(250);
            served = pulledDigest("cache/" + repository + ":1");
        }
        assertThat(served).as("the cached tag within refresh + 5 s of the upstream push").isEqualTo(second.digest());
        assertThat(pulledDigest("cache/" + repository + "@" + first.digest())).as("the old digest, by digest")
                .isEqualTo(first.digest());
        assertThat(ruleOf(name).getLong("misses")).isEqualTo(2);
    }

    @Test
    void shouldServeTheCachedCopyWhileUpstreamIsStoppedAndShowTheError() throws Exception {
        String repository = TaskFixtures.unique("down") + "/app";
        String name = TaskFixtures.unique("down");
        PushedImage image = TestImages.builder().randomLayer(1024).push(PullThroughProfile.UPSTREAM.host() + "/" + repository + ":1");
        rule(name, PullThroughProfile.UPSTREAM.host(), repository);
        assertThat(pulledDigest("cache/" + repository + ":1")).isEqualTo(image.digest());

        PullThroughProfile.UPSTREAM.stop();
        awaitStale(name);
        copy("cache/" + repository + ":1");

        JsonPath rule = ruleOf(name);
        assertThat(rule.getString("lastError")).isNotBlank();
        assertThat(Instant.parse(rule.getString("lastErrorAt"))).isAfter(Instant.parse(rule.getString("created")));
        HttpResponse<String> miss = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + FRONT + "/v2/cache/" + repository
                + "/manifests/2")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(miss.statusCode()).isEqualTo(404);
        assertThat(miss.body()).contains("MANIFEST_UNKNOWN").contains("upstream");
    }

    @Test
    void shouldServeTheCachedCopyWhenUpstreamAnswers429AndShowTheError() throws Exception {
        String repository = TaskFixtures.unique("limited") + "/app";
        String name = TaskFixtures.unique("limited");
        PushedImage image = TestImages.builder().randomLayer(1024).push(PullThroughProfile.UPSTREAM.host() + "/" + repository + ":1");
        rule(name, PullThroughProfile.FAULTY.host(), repository);
        assertThat(pulledDigest("cache/" + repository + ":1")).isEqualTo(image.digest());

        awaitStale(name);
        PullThroughProfile.FAULTY.failNext("HEAD", "/v2/" + repository + "/manifests/.*", 429);
        assertThat(pulledDigest("cache/" + repository + ":1")).isEqualTo(image.digest());

        assertThat(PullThroughProfile.FAULTY.faultsServed()).isTrue();
        JsonPath rule = ruleOf(name);
        assertThat(rule.getString("lastError")).contains("rate limiting");
        assertThat(Instant.parse(rule.getString("lastErrorAt"))).isAfter(Instant.parse(rule.getString("created")));
    }

    @Test
    void shouldAnswerManifestUnknownForATagUpstreamDoesNotHave() throws Exception {
        String repository = TaskFixtures.unique("none") + "/app";
        String name = TaskFixtures.unique("none");
        rule(name, PullThroughProfile.UPSTREAM.host(), repository);

        HttpResponse<String> miss = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + FRONT + "/v2/cache/" + repository
                + "/manifests/1")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(miss.statusCode()).isEqualTo(404);
        assertThat(miss.body()).contains("MANIFEST_UNKNOWN").contains("not in the upstream registry");
        assertThat(ruleOf(name).getString("lastError")).contains("not in the upstream registry");
    }

    @Test
    void shouldFetchAnUncachedDigestByDigest() {
        String repository = TaskFixtures.unique("digest") + "/app";
        String name = TaskFixtures.unique("digest");
        PushedImage image = TestImages.builder().randomLayer(1024).push(PullThroughProfile.UPSTREAM.host() + "/" + repository + ":1");
        rule(name, PullThroughProfile.UPSTREAM.host(), repository);

        assertThat(pulledDigest("cache/" + repository + "@" + image.digest())).isEqualTo(image.digest());
        assertThat(ruleOf(name).getLong("misses")).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnAnonymousPullWhileAnonymousPullIsOffAndFetchNothing() throws Exception {
        anonymousPull(false);
        String repository = TaskFixtures.unique("closed") + "/app";
        String name = TaskFixtures.unique("closed");
        TestImages.builder().randomLayer(1024).push(PullThroughProfile.UPSTREAM.host() + "/" + repository + ":1");
        rule(name, PullThroughProfile.UPSTREAM.host(), repository);

        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + FRONT + "/v2/cache/" + repository
                + "/manifests/1")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(ruleOf(name).getLong("misses")).isZero();
        assertThat(upstreamRequests("HEAD", repository) + upstreamRequests("GET", repository)).isZero();
    }
}
