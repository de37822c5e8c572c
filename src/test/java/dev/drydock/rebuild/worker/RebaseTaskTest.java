package dev.drydock.rebuild.worker;

import static dev.drydock.rebuild.worker.RebuildTest.awaitFinished;
import static dev.drydock.rebuild.worker.RebuildTest.baseId;
import static dev.drydock.rebuild.worker.RebuildTest.log;
import static dev.drydock.rebuild.worker.RebuildTest.strings;
import static dev.drydock.task.TaskFixtures.create;
import static dev.drydock.task.TaskFixtures.privateImage;
import static dev.drydock.task.TaskFixtures.unique;
import static dev.drydock.testing.TestImages.utf8;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rebase task on the real stack: "CI" pushes an image built on a base (with skopeo, as an OCI layout whose first
 * layers are the base's), drydock watches both and writes the image's own layers over the base's current digest.
 */
@QuarkusTest
class RebaseTaskTest {

    private static final String BASE_NAME = "org.opencontainers.image.base.name";
    private static final String BASE_DIGEST = "org.opencontainers.image.base.digest";
    private static final String CREATED = "2026-01-01T00:00:00Z";
    private static final Map<String, byte[]> OS = Map.of("etc/os-release", utf8("ID=test\n"));
    private static final Map<String, byte[]> LIBS = Map.of("usr/lib/libc.so", utf8("libc 1\n"));

    @Test
    void shouldRebaseTheCiImageOntoTheNewBaseAndAgainWhenCiPushesANewImage() throws Exception {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("os") + ":1";
        TestImages.PushedImage baseV1 = baseBuilder(Map.of("V", "1")).push(base);
        String ciImage = TestStack.get().upstreamRegistry().host() + "/ci/" + unique("app") + ":1.4";
        TestImages.PushedImage ci = ciBuilder(baseV1, Map.of("app/app.txt", utf8("app 1\n"))).push(ciImage);
        String task = unique("rebase");
        create(Map.of("name", task, "rebase", Map.of("image", ciImage), "images", List.of(privateImage(task))))
                .statusCode(201)
                .body("spec.rebase.base", equalTo(base));

        baseId(base); // the digest before the push is known
        String baseV2 = TestImages.builder().layer(Map.of("etc/os-release", utf8("ID=test\nVERSION=2\n")))
                .layer(LIBS).layer(Map.of("usr/lib/libssl.so", utf8("ssl 2\n"))).history(CREATED)
                .env(Map.of("V", "2", "NEW", "yes")).push(base).digest();
        given().post("/api/v1/bases/" + baseId(base) + "/check").then().statusCode(200).body("changed", equalTo(true));

        JsonNode run = awaitFinished(task, 1).get(0);
        assertThat(run.get("status").asText()).as(log(run)).isEqualTo("Succeeded");
        assertThat(run.get("pinned").get(base).asText()).isEqualTo(baseV2);
        assertThat(run.get("pinned").get(ciImage).asText()).isEqualTo(ci.digest());
        String result = privateImage(task);
        String newBase = base.replace(":1", "@" + baseV2);
        assertRebased(result, newBase, ci.byDigest(), run.get("outputDigest").asText());
        JsonNode config = Skopeo.config(result);
        assertThat(strings(config.path("config").path("Env"))).containsExactly(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "APP=1", "V=2", "NEW=yes");
        JsonNode manifest = Skopeo.raw(result);
        assertThat(manifest.path("annotations").path(BASE_DIGEST).asText()).isEqualTo(baseV2);
        assertThat(manifest.path("annotations").path(BASE_NAME).asText()).isEqualTo(base);
        assertThat(config.path("config").path("Labels").path(BASE_DIGEST).asText()).isEqualTo(baseV2);

        baseId(ciImage); // the digest before the push is known
        TestImages.PushedImage ci2 = ciBuilder(baseV1, Map.of("app/app.txt", utf8("app 2\n"))).push(ciImage);
        given().post("/api/v1/bases/" + baseId(ciImage) + "/check").then().statusCode(200).body("changed", equalTo(true));

        JsonNode second = awaitFinished(task, 2).get(0);
        assertThat(second.get("status").asText()).as(log(second)).isEqualTo("Succeeded");
        assertThat(second.get("pinned").get(ciImage).asText()).isEqualTo(ci2.digest());
        assertThat(second.get("pinned").get(base).asText()).isEqualTo(baseV2);
        assertRebased(result, newBase, ci2.byDigest(), second.get("outputDigest").asText());
    }

    @Test
    void shouldRefuseAnImageThatDoesNotStartWithTheStatedBasesLayersNamingTheRecordedDigest() {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("os") + ":1";
        TestImages.PushedImage baseV1 = baseBuilder(Map.of()).push(base);
        String ciImage = TestStack.get().upstreamRegistry().host() + "/ci/" + unique("other") + ":1";
        TestImages.builder().layer(Map.of("etc/os-release", utf8("ID=other\n"))).layer(LIBS)
                .layer(Map.of("app/app.txt", utf8("app\n"))).history(CREATED)
                .annotations(Map.of(BASE_NAME, base, BASE_DIGEST, baseV1.digest())).push(ciImage);
        String task = unique("mismatch");
        create(Map.of("name", task, "rebase", Map.of("image", ciImage, "base", base),
                "images", List.of(privateImage(task)))).statusCode(201);

        given().post("/api/v1/tasks/" + task + "/runs").then().statusCode(202);

        JsonNode run = awaitFinished(task, 1).get(0);
        assertThat(run.get("status").asText()).as(log(run)).isEqualTo("Failed");
        assertThat(run.get("error").asText())
                .contains("does not start with the stated base's layers", "layer 0", baseV1.digest(),
                        "the base digest the image's annotations record");
        assertThat(Skopeo.exists(privateImage(task))).as("nothing pushed").isFalse();
    }

    /** The result's layers are the new base's, then the image's own; diff ids and history in step with them. */
    private static void assertRebased(String result, String newBase, String ciImage, String outputDigest) {
        JsonNode manifest = Skopeo.raw(result);
        JsonNode config = Skopeo.config(result);
        JsonNode baseConfig = Skopeo.config(newBase);
        JsonNode ciConfig = Skopeo.config(ciImage);
        List<String> baseLayers = Skopeo.layers(newBase);
        List<String> ciLayers = Skopeo.layers(ciImage);
        List<String> own = ciLayers.subList(2, ciLayers.size());

        assertThat(Skopeo.digest(result)).isEqualTo(outputDigest);
        List<String> expected = new ArrayList<>(baseLayers);
        expected.addAll(own);
        assertThat(digests(manifest.path("layers"))).isEqualTo(expected);
        List<String> diffIds = new ArrayList<>(strings(baseConfig.path("rootfs").path("diff_ids")));
        List<String> ciDiffIds = strings(ciConfig.path("rootfs").path("diff_ids"));
        diffIds.addAll(ciDiffIds.subList(2, ciDiffIds.size()));
        assertThat(strings(config.path("rootfs").path("diff_ids"))).isEqualTo(diffIds);
        List<JsonNode> history = new ArrayList<>();
        baseConfig.path("history").forEach(history::add);
        List<JsonNode> ciHistory = new ArrayList<>();
        ciConfig.path("history").forEach(ciHistory::add);
        history.addAll(ciHistory.subList(3, ciHistory.size()));
        List<JsonNode> resultHistory = new ArrayList<>();
        config.path("history").forEach(resultHistory::add);
        assertThat(resultHistory).isEqualTo(history);
        long withLayers = resultHistory.stream().filter(h -> !h.path("empty_layer").asBoolean(false)).count();
        assertThat(withLayers).as("one history entry per layer").isEqualTo(expected.size());
    }

    /** The base: an OS layer and a library layer, with a history as a Dockerfile build writes it. */
    private static TestImages.Builder baseBuilder(Map<String, String> env) {
        return TestImages.builder().layer(OS).layer(LIBS).history(CREATED).env(env);
    }

    /** What CI pushes: the base's two layers (same bytes, so same digests), one of its own, base annotations. */
    private static TestImages.Builder ciBuilder(TestImages.PushedImage base, Map<String, byte[]> app) {
        String name = base.reference();
        return TestImages.builder().layer(OS).layer(LIBS).layer(app).history(CREATED)
                .env(Map.of("V", "1", "APP", "1"))
                .annotations(Map.of(BASE_NAME, name, BASE_DIGEST, base.digest()));
    }

    private static List<String> digests(JsonNode layers) {
        List<String> digests = new ArrayList<>();
        layers.forEach(l -> digests.add(l.path("digest").asText()));
        return digests;
    }
}
