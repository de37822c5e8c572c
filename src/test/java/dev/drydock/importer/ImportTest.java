package dev.drydock.importer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.drydock.image.Digest;
import dev.drydock.image.MediaTypes;
import dev.drydock.testing.LocalRegistry;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestImages.PushedImage;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Imports from the test stack's upstream registry into the private one, both real Distribution registries: each
 * kind of content arrives byte for byte (the digest of the bytes skopeo reads is the same on both sides).
 */
@QuarkusTest
class ImportTest {

    static String upstream() {
        return TestStack.get().upstreamRegistry().host();
    }

    static String privateHost() {
        return TestStack.get().privateRegistry().host();
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void shouldImportASinglePlatformImageByteForByte() {
        String repo = unique("import-single/app");
        PushedImage image = TestImages.builder().randomLayer(4096).randomLayer(2048).push(upstream() + "/" + repo + ":1");

        long id = Imports.start(Map.of("source", image.reference()));
        JsonPath job = Imports.awaitEnd(id);

        assertThat(job.getString("status")).isEqualTo("Succeeded");
        assertThat(job.getString("sourceDigest")).isEqualTo(image.digest());
        assertThat(job.getString("targetDigest")).isEqualTo(image.digest());
        assertThat(job.getList("targets", String.class)).containsExactly(privateHost() + "/" + repo + ":1");
        assertThat(Imports.rawDigest(privateHost() + "/" + repo + ":1")).isEqualTo(image.digest())
                .isEqualTo(Imports.rawDigest(image.reference()));
        assertThat(job.getInt("progress.blobsTotal")).isEqualTo(3);
        assertThat(job.getInt("progress.blobsDone")).isEqualTo(3);
        assertThat(job.getLong("progress.bytesDone")).isEqualTo(job.getLong("progress.bytesTotal")).isPositive();
        assertThat(job.getList("progress.blobs.state", String.class)).containsOnly("copied");
    }

    @Test
    void shouldImportATwoPlatformIndexKeepingItsDigestAndMountIntoASecondRepository() throws Exception {
        String repo = unique("import-index/app");
        PushedImage index = TestImages.builder().platforms("linux/amd64", "linux/arm64")
                .push(upstream() + "/" + repo + ":multi");
        String second = unique("import-index/copy");

        long id = Imports.start(Map.of("source", index.reference(),
                "targets", List.of(repo + ":multi", second + ":multi")));
        JsonPath job = Imports.awaitEnd(id);

        assertThat(job.getString("status")).isEqualTo("Succeeded");
        assertThat(Imports.rawDigest(privateHost() + "/" + repo + ":multi")).isEqualTo(index.digest())
                .isEqualTo(Imports.rawDigest(privateHost() + "/" + second + ":multi"));
        Set<String> blobs = new HashSet<>();
        for (var entry : Skopeo.raw(index.reference()).get("manifests")) {
            String child = entry.get("digest").asText();
            assertThat(Imports.rawDigest(privateHost() + "/" + second + "@" + child)).isEqualTo(child);
            var manifest = Skopeo.raw(upstream() + "/" + repo + "@" + child);
            blobs.add(manifest.at("/config/digest").asText());
            manifest.get("layers").forEach(l -> blobs.add(l.get("digest").asText()));
        }
        assertThat(job.getList("progress.blobs.digest", String.class)).containsExactlyInAnyOrderElementsOf(blobs);
        assertThat(job.getInt("progress.blobsDone")).isEqualTo(blobs.size());
        // Copied from the source once, into the first repository; the second got each blob by a mount.
        assertThat(job.getList("progress.blobs.state", String.class)).containsOnly("copied");
        if (TestStack.get().privateRegistry() instanceof LocalRegistry local) {
            assertThat(Files.readAllLines(local.log()).stream()
                    .filter(l -> l.contains("/v2/" + second + "/blobs/uploads/?mount=")).count()).isEqualTo(blobs.size());
        }
    }

    @Test
    void shouldImportOnlyTheChosenPlatformsAsANewIndex() {
        String repo = unique("import-platforms/app");
        PushedImage index = TestImages.builder().platforms("linux/amd64", "linux/arm64")
                .push(upstream() + "/" + repo + ":multi");

        long id = Imports.start(Map.of("source", index.reference(), "platforms", List.of("linux/arm64")));
        JsonPath job = Imports.awaitEnd(id);

        assertThat(job.getString("status")).isEqualTo("Succeeded");
        assertThat(job.getString("sourceDigest")).isEqualTo(index.digest());
        String imported = privateHost() + "/" + repo + ":multi";
        assertThat(job.getString("targetDigest")).isNotEqualTo(index.digest()).isEqualTo(Imports.rawDigest(imported));
        var manifests = Skopeo.raw(imported).get("manifests");
        assertThat(manifests).hasSize(1);
        assertThat(manifests.get(0).at("/platform/architecture").asText()).isEqualTo("arm64");
    }

    @Test
    void shouldImportAnOciArtifactWithACustomArtifactTypeAndConfigMediaType() {
        String repo = unique("import-artifact/chart");
        Digest artifact = Imports.pushArtifact(upstream() + "/" + repo + ":0.1.0", "application/vnd.example.thing.v1",
                "application/vnd.cncf.helm.config.v1+json", "application/vnd.cncf.helm.chart.content.v1.tar+gzip");

        long id = Imports.start(Map.of("source", upstream() + "/" + repo + ":0.1.0"));
        JsonPath job = Imports.awaitEnd(id);

        assertThat(job.getString("status")).isEqualTo("Succeeded");
        String imported = privateHost() + "/" + repo + ":0.1.0";
        assertThat(Imports.rawDigest(imported)).isEqualTo(artifact.toString());
        assertThat(Skopeo.raw(imported).get("artifactType").asText()).isEqualTo("application/vnd.example.thing.v1");
        assertThat(Skopeo.raw(imported).at("/config/mediaType").asText())
                .isEqualTo("application/vnd.cncf.helm.config.v1+json");
    }

    @Test
    void shouldBringTheCosignSignatureTagAlong() {
        String repo = unique("import-signed/app");
        PushedImage image = TestImages.push(upstream() + "/" + repo + ":1");
        Digest digest = Digest.parse(image.digest());
        Digest signature = Imports.pushSignature(upstream() + "/" + repo, digest);

        JsonPath job = Imports.awaitEnd(Imports.start(Map.of("source", image.reference())));

        assertThat(job.getString("status")).isEqualTo("Succeeded");
        String sigTag = privateHost() + "/" + repo + ":sha256-" + digest.hex() + ".sig";
        assertThat(Imports.rawDigest(sigTag)).isEqualTo(signature.toString());
        assertThat(Imports.rawDigest(privateHost() + "/" + repo + ":1")).isEqualTo(image.digest());
    }

    @Test
    void shouldRefuseToMoveATagThatHoldsAnotherDigestUnlessForced() {
        String repo = unique("import-force/app");
        PushedImage first = TestImages.push(upstream() + "/" + repo + ":1");
        assertThat(Imports.awaitEnd(Imports.start(Map.of("source", first.reference()))).getString("status"))
                .isEqualTo("Succeeded");
        PushedImage second = TestImages.push(upstream() + "/" + repo + ":1");

        JsonPath refused = Imports.awaitEnd(Imports.start(Map.of("source", second.reference())));
        assertThat(refused.getString("status")).isEqualTo("Failed");
        assertThat(refused.getString("error")).contains("holds " + first.digest()).contains("force");
        assertThat(Imports.rawDigest(privateHost() + "/" + repo + ":1")).isEqualTo(first.digest());

        JsonPath forced = Imports.awaitEnd(Imports.start(Map.of("source", second.reference(), "force", true)));
        assertThat(forced.getString("status")).isEqualTo("Succeeded");
        assertThat(Imports.rawDigest(privateHost() + "/" + repo + ":1")).isEqualTo(second.digest());
    }

    @Test
    void shouldImportByDigestOnlyIntoUntaggedRepositories() {
        String repo = unique("import-untagged/app");
        PushedImage image = TestImages.push(upstream() + "/" + repo + ":1");
        String byDigest = unique("import-untagged/pinned");

        JsonPath job = Imports.awaitEnd(Imports.start(Map.of("source", image.byDigest(),
                "untaggedTargetRepositories", List.of(byDigest))));

        assertThat(job.getString("status")).isEqualTo("Succeeded");
        assertThat(Imports.rawDigest(privateHost() + "/" + byDigest + "@" + image.digest())).isEqualTo(image.digest());
        assertThat(Skopeo.exists(privateHost() + "/" + byDigest + ":1")).isFalse();
        assertThat(job.getList("targets")).isEmpty();
    }

    @Test
    void shouldListImportsNewestFirstAndRefuseToCancelAFinishedOne() {
        PushedImage image = TestImages.push(upstream() + "/" + unique("import-list/app") + ":1");
        long id = Imports.start(Map.of("source", image.reference()));
        Imports.awaitEnd(id);

        given().get("/api/v1/imports?size=1").then().statusCode(200)
                .body("items[0].id", equalTo((int) id)).body("size", equalTo(1)).body("page", equalTo(0));
        given().post("/api/v1/imports/" + id + "/cancel").then().statusCode(409)
                .contentType("application/problem+json");
        given().get("/api/v1/imports/999999999").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldFailAnImportOfASourceThatDoesNotExist() {
        JsonPath job = Imports.awaitEnd(Imports.start(Map.of("source", upstream() + "/" + unique("import-none/x") + ":1")));

        assertThat(job.getString("status")).isEqualTo("Failed");
        assertThat(job.getString("error")).contains("does not exist");
    }

    @Test
    void shouldCancelAnImportBeforeItsTargetIsWritten() {
        String repo = unique("import-cancel/app");
        PushedImage image = TestImages.builder().randomLayer(24 * 1024 * 1024).randomLayer(24 * 1024 * 1024)
                .randomLayer(24 * 1024 * 1024).push(upstream() + "/" + repo + ":1");

        long id = Imports.start(Map.of("source", image.reference()));
        given().post("/api/v1/imports/" + id + "/cancel").then().statusCode(200).body("cancelRequested", equalTo(true));
        JsonPath job = Imports.awaitEnd(id);

        assertThat(job.getString("status")).isEqualTo("Canceled");
        assertThat(job.getString("error")).startsWith("canceled");
        assertThat(Skopeo.exists(privateHost() + "/" + repo + ":1")).isFalse();
    }

    @Test
    void shouldImportAnIndexOfIndexesByteForByte() {
        String repo = unique("import-nested/app");
        PushedImage amd = TestImages.push(upstream() + "/" + repo + ":amd64");
        PushedImage arm = TestImages.push(upstream() + "/" + repo + ":arm64");
        Digest inner = Imports.pushIndex(upstream() + "/" + repo + ":inner", MediaTypes.OCI_MANIFEST,
                Map.of(amd.digest(), "amd64", arm.digest(), "arm64"));
        Digest outer = Imports.pushIndex(upstream() + "/" + repo + ":outer", MediaTypes.OCI_INDEX,
                Map.of(inner.toString(), "amd64"));

        JsonPath job = Imports.awaitEnd(Imports.start(Map.of("source", upstream() + "/" + repo + ":outer")));

        assertThat(job.getString("status")).isEqualTo("Succeeded");
        assertThat(Imports.rawDigest(privateHost() + "/" + repo + ":outer")).isEqualTo(outer.toString());
        assertThat(Imports.rawDigest(privateHost() + "/" + repo + "@" + inner)).isEqualTo(inner.toString());
        assertThat(Imports.rawDigest(privateHost() + "/" + repo + "@" + arm.digest())).isEqualTo(arm.digest());
    }
}
