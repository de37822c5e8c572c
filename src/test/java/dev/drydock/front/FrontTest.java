package dev.drydock.front;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry front against the test stack's real Distribution, with {@link FakeRegistryAccess} deciding. */
@QuarkusTest
class FrontTest {

    static final String MANIFEST_TYPES = "application/vnd.oci.image.index.v1+json,"
            + "application/vnd.oci.image.manifest.v1+json,"
            + "application/vnd.docker.distribution.manifest.list.v2+json,"
            + "application/vnd.docker.distribution.manifest.v2+json";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestImages.PushedImage image;

    @Inject
    RegistryFront front;

    @AfterEach
    void resetAccess() {
        FakeRegistryAccess.reset();
    }

    String frontHost() {
        return "127.0.0.1:" + front.port();
    }

    TestImages.PushedImage image() {
        if (image == null) {
            image = TestImages.builder().randomLayer(2_000_000).randomLayer(1_000_000).randomLayer(3_000_000)
                    .randomLayer(500_000).randomLayer(1_500_000).push(frontHost() + "/front/multi:1");
        }
        return image;
    }

    @Test
    void shouldCopyAFiveLayerImageThroughTheFrontByteExact() throws Exception {
        TestImages.PushedImage pushed = image();
        String backend = TestStack.get().privateRegistry().host();
        assertThat(Skopeo.rawBytes(backend + "/front/multi:1")).as("what the push through the front stored")
                .isEqualTo(Skopeo.rawBytes(frontHost() + "/front/multi:1"));
        assertThat(Skopeo.layers(frontHost() + "/front/multi:1")).hasSize(5);

        Process copy = new ProcessBuilder("skopeo", "copy", "--quiet", "--src-tls-verify=false",
                "--dest-tls-verify=false", "docker://" + frontHost() + "/front/multi:1",
                "docker://" + frontHost() + "/front/multi-copy:1").inheritIO().start();
        assertThat(copy.waitFor(120, TimeUnit.SECONDS) && copy.exitValue() == 0).as("skopeo copy through the front").isTrue();

        assertThat(Skopeo.digest(frontHost() + "/front/multi-copy:1")).isEqualTo(pushed.digest());
        assertThat(Skopeo.digest(backend + "/front/multi-copy:1")).isEqualTo(pushed.digest());
        assertThat(Skopeo.layers(backend + "/front/multi-copy:1")).isEqualTo(Skopeo.layers(backend + "/front/multi:1"));
    }

    @Test
    void shouldStreamAChunkedUploadPointItsLocationAtTheFrontAndServeRangesAndHeads() throws Exception {
        byte[] blob = new byte[5_000_000];
        new Random(16).nextBytes(blob);
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
        String origin = "http://" + frontHost();

        HttpResponse<String> started = send(HttpRequest.newBuilder(URI.create(origin + "/v2/front/chunked/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(started.statusCode()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(origin + "/v2/front/chunked/blobs/uploads/");

        // An input stream of unknown length goes out chunked (Transfer-Encoding: chunked), as docker's PATCH does.
        HttpResponse<String> patched = send(HttpRequest.newBuilder(URI.create(location))
                .header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(blob))));
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(202);
        String next = patched.headers().firstValue("Location").orElseThrow();
        assertThat(next).startsWith(origin + "/");

        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(next + (next.contains("?") ? "&" : "?")
                + "digest=" + digest)).PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(put.headers().firstValue("Location").orElseThrow()).doesNotContain(TestStack.get().privateRegistry().host());

        URI blobUri = URI.create(origin + "/v2/front/chunked/blobs/" + digest);
        HttpResponse<byte[]> whole = HTTP.send(HttpRequest.newBuilder(blobUri).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(blob);

        HttpResponse<byte[]> range = HTTP.send(HttpRequest.newBuilder(blobUri).header("Range", "bytes=1000-1009").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(blob, 1000, 1010));

        HttpResponse<byte[]> head = HTTP.send(HttpRequest.newBuilder(blobUri).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(blob.length));
        assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(digest);
    }

    @Test
    void shouldAnswerTheVersionCheckAsDistributionDoes() throws Exception {
        HttpResponse<String> base = send(HttpRequest.newBuilder(URI.create("http://" + frontHost() + "/v2/")));
        assertThat(base.statusCode()).isEqualTo(200);
        assertThat(base.headers().firstValue("Docker-Distribution-API-Version")).contains("registry/2.0");
    }

    @Test
    void shouldChallengeAnonymousPullsWhileAnonymousPullIsOff() throws Exception {
        image();
        FakeRegistryAccess.anonymousPull = false;
        HttpResponse<String> get = send(manifest("front/multi", "1"));
        assertThat(get.statusCode()).isEqualTo(401);
        assertThat(get.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer realm=").contains("scope=\"repository:front/multi:pull\"");
        assertThat(get.body()).contains("\"code\":\"UNAUTHORIZED\"");
        assertThat(Skopeo.exists(frontHost() + "/front/multi:1")).isFalse();

        FakeRegistryAccess.anonymousPull = true;
        assertThat(send(manifest("front/multi", "1")).statusCode()).as("on again: the next pull works").isEqualTo(200);
    }

    @Test
    void shouldRefuseAnAnonymousPushWhenOnlyPullIsOpen() throws Exception {
        FakeRegistryAccess.anonymousWrite = false;
        HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create("http://" + frontHost()
                + "/v2/front/nopush/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(post.statusCode()).isEqualTo(401);
        assertThat(post.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("scope=\"repository:front/nopush:pull,push\"");
    }

    @Test
    void shouldChallengeATokenTheTokenServiceDoesNotKnow() throws Exception {
        HttpResponse<String> get = send(manifest("front/multi", "1").header("Authorization", "Bearer invalid"));
        assertThat(get.statusCode()).isEqualTo(401);
        assertThat(get.body()).contains("UNAUTHORIZED");
        assertThat(get.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void shouldDenyATokenWhatItsScopeMapDoesNotAllow() throws Exception {
        TestImages.push(frontHost() + "/team-a/app:1");
        TestImages.push(frontHost() + "/team-b/app:1");
        assertThat(send(manifest("team-a/app", "1").header("Authorization", "Bearer team-a")).statusCode()).isEqualTo(200);

        HttpResponse<String> denied = send(manifest("team-b/app", "1").header("Authorization", "Bearer team-a"));
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(denied.body()).contains("\"code\":\"DENIED\"");
        assertThat(denied.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("scope=\"repository:team-b/app:pull\"").contains("error=\"insufficient_scope\"");

        HttpResponse<String> mount = send(HttpRequest.newBuilder(URI.create("http://" + frontHost()
                        + "/v2/team-a/app/blobs/uploads/?mount=sha256:" + "0".repeat(64) + "&from=team-b/app"))
                .header("Authorization", "Bearer team-a").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(mount.statusCode()).as("a mount reads its source too").isEqualTo(401);
    }

    @Test
    void shouldListInTheCatalogOnlyWhatTheTokenMayRead() throws Exception {
        TestImages.push(frontHost() + "/team-a/listed:1");
        TestImages.push(frontHost() + "/team-b/hidden:1");
        String origin = "http://" + frontHost();

        HttpResponse<String> teamA = send(HttpRequest.newBuilder(URI.create(origin + "/v2/_catalog?n=1000"))
                .header("Authorization", "Bearer team-a"));
        assertThat(teamA.statusCode()).isEqualTo(200);
        List<String> names = repositories(teamA.body());
        assertThat(names).contains("team-a/listed").allMatch(name -> name.startsWith("team-a/"));

        HttpResponse<String> all = send(HttpRequest.newBuilder(URI.create(origin + "/v2/_catalog?n=1000"))
                .header("Authorization", "Bearer everything"));
        assertThat(repositories(all.body())).contains("team-a/listed", "team-b/hidden");

        HttpResponse<String> paged = send(HttpRequest.newBuilder(URI.create(origin + "/v2/_catalog?n=1"))
                .header("Authorization", "Bearer everything"));
        assertThat(repositories(paged.body())).hasSize(1);
        assertThat(paged.headers().firstValue("Link").orElseThrow()).contains("/v2/_catalog?").contains("rel=\"next\"")
                .doesNotContain(TestStack.get().privateRegistry().host());

        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(origin + "/v2/_catalog")));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("scope=\"registry:catalog:*\"");
    }

    @Test
    void shouldAnswerPathsThatAreNoRegistryCallWithoutTheBackend() throws Exception {
        HttpResponse<String> other = send(HttpRequest.newBuilder(URI.create("http://" + frontHost() + "/api/v1/tasks")));
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("\"code\":\"UNSUPPORTED\"");
    }

    @Test
    void shouldCountPullsByRepositoryAndRequestsByOutcomeAndCaller() throws Exception {
        image();
        assertThat(send(manifest("front/multi", "1")).statusCode()).isEqualTo(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("drydock_front_pulls_total\\{repository=\"front/multi\"} [1-9]")
                .containsPattern("drydock_front_requests_total\\{caller=\"anonymous\",outcome=\"forwarded\"} [1-9]");
    }

    static HttpRequest.Builder manifest(String repository, String reference) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + CDIFront.port() + "/v2/" + repository
                + "/manifests/" + reference)).header("Accept", MANIFEST_TYPES);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<String> repositories(String body) throws IOException {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("repositories");
        List<String> names = new java.util.ArrayList<>();
        node.forEach(n -> names.add(n.asText()));
        return names;
    }

    /** The front's port for static helpers. */
    static final class CDIFront {
        static int port() {
            return io.quarkus.arc.Arc.container().instance(RegistryFront.class).get().port();
        }
    }

}
