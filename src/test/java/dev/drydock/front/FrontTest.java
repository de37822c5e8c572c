package dev.drydock.front;

import static dev.drydock.front.FrontClients.anonymousPull;
import static dev.drydock.front.FrontClients.repositories;
import static dev.drydock.front.FrontClients.send;
import static dev.drydock.front.FrontClients.serviceCreds;
import static dev.drydock.front.FrontClients.serviceJwt;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.task.TaskFixtures;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestSigningKey;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry front against the test stack's real Distribution, deciding with the real token service. */
@QuarkusTest
@TestProfile(ThroughTheFront.class)
class FrontTest {

    static final int PORT = ThroughTheFront.PORT;
    static final String FRONT = ThroughTheFront.FRONT;
    private static TestImages.PushedImage image;

    @AfterEach
    void closeAnonymousPull() {
        anonymousPull(false);
    }

    static TestImages.PushedImage image() {
        if (image == null) {
            image = TestImages.builder().randomLayer(2_000_000).randomLayer(1_000_000).randomLayer(3_000_000)
                    .randomLayer(500_000).randomLayer(1_500_000)
                    .credentials(TestSigningKey.SERVICE_USERNAME, TestSigningKey.SERVICE_PASSWORD)
                    .push(FRONT + "/front/multi:1");
        }
        return image;
    }

    static HttpRequest.Builder manifest(String repository, String reference) {
        return FrontClients.manifest(PORT, repository, reference);
    }

    @Test
    void shouldCopyAFiveLayerImageThroughTheFrontByteExact() throws Exception {
        TestImages.PushedImage pushed = image();
        String backend = TestStack.get().privateRegistry().host();
        assertThat(Skopeo.rawBytes(backend + "/front/multi:1")).as("what the push through the front stored")
                .isEqualTo(Skopeo.rawBytes(FRONT + "/front/multi:1", serviceCreds()));
        assertThat(Skopeo.layers(FRONT + "/front/multi:1", serviceCreds())).hasSize(5);

        String creds = TestSigningKey.SERVICE_USERNAME + ":" + TestSigningKey.SERVICE_PASSWORD;
        Process copy = new ProcessBuilder("skopeo", "copy", "--quiet", "--src-tls-verify=false",
                "--dest-tls-verify=false", "--src-creds", creds, "--dest-creds", creds,
                "docker://" + FRONT + "/front/multi:1", "docker://" + FRONT + "/front/multi-copy:1").inheritIO().start();
        assertThat(copy.waitFor(120, TimeUnit.SECONDS) && copy.exitValue() == 0).as("skopeo copy through the front").isTrue();

        assertThat(Skopeo.digest(FRONT + "/front/multi-copy:1", serviceCreds())).isEqualTo(pushed.digest());
        assertThat(Skopeo.digest(backend + "/front/multi-copy:1")).isEqualTo(pushed.digest());
        assertThat(Skopeo.layers(backend + "/front/multi-copy:1")).isEqualTo(Skopeo.layers(backend + "/front/multi:1"));
    }

    @Test
    void shouldStreamAChunkedUploadPointItsLocationAtTheFrontAndServeRangesAndHeads() throws Exception {
        byte[] blob = new byte[5_000_000];
        new Random(16).nextBytes(blob);
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
        String origin = "http://" + FRONT;
        String bearer = "Bearer " + serviceJwt(PORT, "repository:front/chunked:pull,push");

        HttpResponse<String> started = send(HttpRequest.newBuilder(URI.create(origin + "/v2/front/chunked/blobs/uploads/"))
                .header("Authorization", bearer).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(origin + "/v2/front/chunked/blobs/uploads/");

        // An input stream of unknown length goes out chunked (Transfer-Encoding: chunked), as docker's PATCH does.
        HttpResponse<String> patched = send(HttpRequest.newBuilder(URI.create(location)).header("Authorization", bearer)
                .header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(blob))));
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(202);
        String next = patched.headers().firstValue("Location").orElseThrow();
        assertThat(next).startsWith(origin + "/");

        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(next + (next.contains("?") ? "&" : "?")
                + "digest=" + digest)).header("Authorization", bearer).PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(put.headers().firstValue("Location").orElseThrow()).doesNotContain(TestStack.get().privateRegistry().host());

        URI blobUri = URI.create(origin + "/v2/front/chunked/blobs/" + digest);
        HttpResponse<byte[]> whole = FrontClients.HTTP.send(HttpRequest.newBuilder(blobUri).header("Authorization", bearer)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(blob);

        HttpResponse<byte[]> range = FrontClients.HTTP.send(HttpRequest.newBuilder(blobUri).header("Authorization", bearer)
                .header("Range", "bytes=1000-1009").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(blob, 1000, 1010));

        HttpResponse<byte[]> head = FrontClients.HTTP.send(HttpRequest.newBuilder(blobUri).header("Authorization", bearer)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(blob.length));
        assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(digest);
    }

    @Test
    void shouldAnswerTheVersionCheckAsDistributionWithTokenAuthDoes() throws Exception {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create("http://" + FRONT + "/v2/")));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow())
                .isEqualTo("Bearer realm=\"http://" + FRONT + "/service/token\",service=\"drydock-registry\"");
        HttpResponse<String> base = send(HttpRequest.newBuilder(URI.create("http://" + FRONT + "/v2/"))
                .header("Authorization", "Bearer " + serviceJwt(PORT, "repository:front/multi:pull")));
        assertThat(base.statusCode()).isEqualTo(200);
        assertThat(base.headers().firstValue("Docker-Distribution-API-Version")).contains("registry/2.0");
    }

    @Test
    void shouldChallengeAnonymousPullsWhileAnonymousPullIsOffAndServeThemWhileOn() throws Exception {
        image();
        HttpResponse<String> get = send(manifest("front/multi", "1"));
        assertThat(get.statusCode()).isEqualTo(401);
        assertThat(get.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer realm=").contains("scope=\"repository:front/multi:pull\"");
        assertThat(get.body()).contains("\"code\":\"UNAUTHORIZED\"");
        assertThat(Skopeo.exists(FRONT + "/front/multi:1")).isFalse();

        anonymousPull(true);
        assertThat(send(manifest("front/multi", "1")).statusCode()).as("on: the next pull works").isEqualTo(200);
        assertThat(Skopeo.exists(FRONT + "/front/multi:1")).as("skopeo, anonymous token").isTrue();

        HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create("http://" + FRONT
                + "/v2/front/nopush/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(post.statusCode()).as("an anonymous push").isEqualTo(401);
        assertThat(post.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("scope=\"repository:front/nopush:pull,push\"");

        anonymousPull(false);
        assertThat(send(manifest("front/multi", "1")).statusCode()).as("off again").isEqualTo(401);
    }

    @Test
    void shouldChallengeATokenTheTokenServiceDidNotIssue() throws Exception {
        HttpResponse<String> get = send(manifest("front/multi", "1").header("Authorization", "Bearer not-a-jwt"));
        assertThat(get.statusCode()).isEqualTo(401);
        assertThat(get.body()).contains("UNAUTHORIZED");
        assertThat(get.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void shouldDenyATokenWhatItsScopeMapDoesNotAllowAndListOnlyItsRepositoriesInTheCatalog() throws Exception {
        String team = TaskFixtures.unique("team-a");
        String other = TaskFixtures.unique("team-b");
        String name = TaskFixtures.unique("front-ci");
        String password = FrontClients.token(name, team + "/*", "content/read", "content/write", "metadata/read");
        TestImages.builder().credentials(name, password).push(FRONT + "/" + team + "/app:1");
        TestImages.builder().credentials(serviceCreds()[0], serviceCreds()[1]).push(FRONT + "/" + other + "/app:1");

        String mine = FrontClients.jwt(PORT, name, password, "repository:" + team + "/app:pull");
        assertThat(send(manifest(team + "/app", "1").header("Authorization", "Bearer " + mine)).statusCode()).isEqualTo(200);
        HttpResponse<String> denied = send(manifest(other + "/app", "1").header("Authorization", "Bearer " + mine));
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(denied.body()).contains("\"code\":\"DENIED\"");
        assertThat(denied.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("scope=\"repository:" + other + "/app:pull\"").contains("error=\"insufficient_scope\"");
        HttpResponse<String> mount = send(HttpRequest.newBuilder(URI.create("http://" + FRONT + "/v2/" + team
                        + "/app/blobs/uploads/?mount=sha256:" + "0".repeat(64) + "&from=" + other + "/app"))
                .header("Authorization", "Bearer " + mine).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(mount.statusCode()).as("a mount reads its source too").isEqualTo(401);

        String origin = "http://" + FRONT;
        String catalogJwt = FrontClients.jwt(PORT, name, password, "registry:catalog:*");
        HttpResponse<String> listed = send(HttpRequest.newBuilder(URI.create(origin + "/v2/_catalog?n=1000"))
                .header("Authorization", "Bearer " + catalogJwt));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(repositories(listed.body())).containsExactly(team + "/app");

        String all = "Bearer " + serviceJwt(PORT, "registry:catalog:*");
        HttpResponse<String> everything = send(HttpRequest.newBuilder(URI.create(origin + "/v2/_catalog?n=1000"))
                .header("Authorization", all));
        assertThat(repositories(everything.body())).contains(team + "/app", other + "/app");
        HttpResponse<String> paged = send(HttpRequest.newBuilder(URI.create(origin + "/v2/_catalog?n=1"))
                .header("Authorization", all));
        assertThat(repositories(paged.body())).hasSize(1);
        assertThat(paged.headers().firstValue("Link").orElseThrow()).contains("/v2/_catalog?").contains("rel=\"next\"")
                .doesNotContain(TestStack.get().privateRegistry().host());

        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(origin + "/v2/_catalog")));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("scope=\"registry:catalog:*\"");
    }

    @Test
    void shouldAnswerPathsThatAreNoRegistryCallWithoutTheBackend() throws Exception {
        HttpResponse<String> other = send(HttpRequest.newBuilder(URI.create("http://" + FRONT + "/api/v1/tasks")));
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("\"code\":\"UNSUPPORTED\"");
    }

    @Test
    void shouldCountPullsByRepositoryAndRequestsByOutcomeAndCaller() throws Exception {
        image();
        String bearer = "Bearer " + serviceJwt(PORT, "repository:front/multi:pull");
        assertThat(send(manifest("front/multi", "1").header("Authorization", bearer)).statusCode()).isEqualTo(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("drydock_front_pulls_total\\{repository=\"front/multi\"} [1-9]")
                .containsPattern("drydock_front_requests_total\\{caller=\"service\",outcome=\"forwarded\"} [1-9]");
        assertThat(List.of(metrics.split("\n"))).anyMatch(line -> line.startsWith("# HELP drydock_front_requests"));
    }
}
