package dev.drydock.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image helper really publishes images: the registry serves them under the digest it reports. */
class TestImagesTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldPushAnImageThatTheRegistryServesUnderItsDigest() throws Exception {
        TestRegistry registry = TestStack.get().upstreamRegistry();
        TestImages.PushedImage image = TestImages.push(registry.host() + "/helper/one:1");

        HttpResponse<Void> head = headManifest(registry, "helper/one", "1");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(image.digest());
        assertThat(head.headers().firstValue("Content-Type")).contains(image.mediaType());
        assertThat(headManifest(registry, "helper/one", image.digest()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldPublishANewDigestEachTime() {
        String reference = TestStack.get().upstreamRegistry().host() + "/helper/moving:latest";
        String first = TestImages.push(reference).digest();
        String second = TestImages.push(reference).digest();

        assertThat(second).isNotEqualTo(first).startsWith("sha256:");
    }

    @Test
    void shouldPushAMultiPlatformIndexAndADockerV2Manifest() throws Exception {
        TestRegistry registry = TestStack.get().upstreamRegistry();
        TestImages.PushedImage index = TestImages.builder().platforms("linux/amd64", "linux/arm64/v8")
                .push(registry.host() + "/helper/multi:1");
        TestImages.PushedImage docker = TestImages.builder().format(TestImages.Format.DOCKER_V2)
                .push(registry.host() + "/helper/docker:1");

        assertThat(headManifest(registry, "helper/multi", "1").headers().firstValue("Content-Type"))
                .contains("application/vnd.oci.image.index.v1+json");
        assertThat(headManifest(registry, "helper/docker", "1").headers().firstValue("Docker-Content-Digest"))
                .contains(docker.digest());
        String skopeoDigest = LocalProcess.run(List.of("skopeo", "inspect", "--tls-verify=false", "--raw",
                "docker://" + index.reference()), Duration.ofSeconds(30));
        assertThat(skopeoDigest).contains("linux").contains("arm64");
    }

    private HttpResponse<Void> headManifest(TestRegistry registry, String repository, String reference) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(registry.url() + "/v2/" + repository + "/manifests/" + reference))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", String.join(",", "application/vnd.oci.image.index.v1+json",
                        "application/vnd.oci.image.manifest.v1+json",
                        "application/vnd.docker.distribution.manifest.list.v2+json",
                        "application/vnd.docker.distribution.manifest.v2+json"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding());
    }
}
