package dev.drydock.rebuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.image.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rebase decision on in-memory images: no registry. */
class ImageRebaseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OCI = "application/vnd.oci.image.manifest.v1+json";
    private static final String DOCKER = "application/vnd.docker.distribution.manifest.v2+json";
    private static final String OCI_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final String DOCKER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    private final ImageRebase.Image oldBase = image(OCI, OCI_GZIP, List.of("b1", "b2"), List.of("PATH=/bin", "V=1"));
    private final ImageRebase.Image newBase = image(OCI, OCI_GZIP, List.of("n1", "n2", "n3"),
            List.of("PATH=/bin:/opt", "V=2", "NEW=yes"));

    @Test
    void shouldPutTheImagesOwnLayersOverTheNewBaseWithDiffIdsAndHistoryInStep() throws Exception {
        ImageRebase.Image app = on(oldBase, List.of("a1", "a2"), List.of("PATH=/bin", "V=1", "APP=1"));

        ImageRebase.Result result = ImageRebase.rebase(oldBase, newBase, app, Map.of(), Map.of());

        assertThat(digests(result.manifest().path("layers"))).containsExactly(d("n1"), d("n2"), d("n3"), d("a1"), d("a2"));
        JsonNode config = JSON.readTree(result.config());
        assertThat(texts(config.path("rootfs").path("diff_ids")))
                .containsExactly(id("n1"), id("n2"), id("n3"), id("a1"), id("a2"));
        assertThat(texts(config.path("history"), "created_by"))
                .containsExactly("base n1", "base n2", "base n3", "app a1", "app a2");
        assertThat(result.appLayers()).isEqualTo(2);
        assertThat(result.manifest().path("config").path("digest").asText())
                .isEqualTo(Digest.sha256Of(result.config()).toString());
        assertThat(result.manifest().path("config").path("size").asLong()).isEqualTo(result.config().length);
    }

    @Test
    void shouldMergeTheEnvironmentKeepingWhatTheImageSetItself() throws Exception {
        ImageRebase.Image app = on(oldBase, List.of("a1"), List.of("PATH=/bin", "V=own", "APP=1"));

        JsonNode config = JSON.readTree(ImageRebase.rebase(oldBase, newBase, app, Map.of(), Map.of()).config());

        assertThat(texts(config.path("config").path("Env"))).containsExactly("PATH=/bin:/opt", "V=own", "APP=1", "NEW=yes");
    }

    @Test
    void shouldRefuseAnImageThatDoesNotStartWithTheBasesLayersNamingTheLayer() {
        ImageRebase.Image other = image(OCI, OCI_GZIP, List.of("b1", "x2"), List.of("PATH=/bin"));
        ImageRebase.Image app = on(other, List.of("a1"), List.of("PATH=/bin"));

        assertThatThrownBy(() -> ImageRebase.rebase(oldBase, newBase, app, Map.of(), Map.of()))
                .isInstanceOfSatisfying(ImageRebase.RebaseRefused.class,
                        e -> assertThat(e.divergesAt()).contains(1))
                .hasMessageContaining("does not start with the stated base's layers")
                .hasMessageContaining("layer 1");
    }

    @Test
    void shouldRefuseAnImageShorterThanTheBase() {
        ImageRebase.Image app = image(OCI, OCI_GZIP, List.of("b1"), List.of());

        assertThatThrownBy(() -> ImageRebase.rebase(oldBase, newBase, app, Map.of(), Map.of()))
                .isInstanceOfSatisfying(ImageRebase.RebaseRefused.class,
                        e -> assertThat(e.divergesAt()).contains(1));
    }

    @Test
    void shouldWriteLabelsAndOnOciManifestsAnnotations() throws Exception {
        ImageRebase.Image app = on(oldBase, List.of("a1"), List.of("PATH=/bin"));

        ImageRebase.Result result = ImageRebase.rebase(oldBase, newBase, app,
                Map.of("org.opencontainers.image.base.digest", "sha256:new"),
                Map.of("org.opencontainers.image.base.digest", "sha256:new"));

        assertThat(JSON.readTree(result.config()).path("config").path("Labels")
                .path("org.opencontainers.image.base.digest").asText()).isEqualTo("sha256:new");
        assertThat(result.manifest().path("annotations").path("org.opencontainers.image.base.digest").asText())
                .isEqualTo("sha256:new");
    }

    @Test
    void shouldWriteNoAnnotationsOnDockerManifestsAndKeepTheImagesLayerType() throws Exception {
        ImageRebase.Image dockerOld = image(DOCKER, DOCKER_GZIP, List.of("b1"), List.of());
        ImageRebase.Image app = on(dockerOld, List.of("a1"), List.of());

        ImageRebase.Result result = ImageRebase.rebase(dockerOld, newBase, app, Map.of(),
                Map.of("org.opencontainers.image.base.digest", "sha256:new"));

        assertThat(result.manifest().has("annotations")).isFalse();
        assertThat(texts(result.manifest().path("layers"), "mediaType")).containsOnly(DOCKER_GZIP);
    }

    @Test
    void shouldLeaveItsInputsUnchanged() throws Exception {
        ImageRebase.Image app = on(oldBase, List.of("a1"), List.of("PATH=/bin"));
        String before = app.manifest().toString() + app.config();

        ImageRebase.rebase(oldBase, newBase, app, Map.of("l", "v"), Map.of("a", "v"));

        assertThat(app.manifest().toString() + app.config()).isEqualTo(before);
    }

    @Test
    void shouldRefuseAnImageWhoseHistoryDoesNotContinueTheBases() {
        ImageRebase.Image app = on(oldBase, List.of("a1"), List.of());
        ((ObjectNode) app.config().path("history").get(0)).put("created_by", "something else");

        assertThatThrownBy(() -> ImageRebase.rebase(oldBase, newBase, app, Map.of(), Map.of()))
                .isInstanceOfSatisfying(ImageRebase.RebaseRefused.class, e -> assertThat(e.divergesAt()).isEmpty())
                .hasMessageContaining("history");
    }

    /** An image of these layers (named by a word), with one history entry per layer. */
    private static ImageRebase.Image image(String mediaType, String layerType, List<String> layers, List<String> env) {
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", mediaType);
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", d("config")).put("size", 1);
        ArrayNode layerArray = manifest.putArray("layers");
        ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
        ArrayNode envArray = config.putObject("config").putArray("Env");
        env.forEach(envArray::add);
        ArrayNode diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        ArrayNode history = config.putArray("history");
        for (String layer : layers) {
            layerArray.addObject().put("mediaType", layerType).put("digest", d(layer)).put("size", 10);
            diffIds.add(id(layer));
            history.addObject().put("created_by", "base " + layer);
        }
        return new ImageRebase.Image(manifest, config);
    }

    /** An image built on {@code base}: its layers and history, then the app's. */
    private static ImageRebase.Image on(ImageRebase.Image base, List<String> appLayers, List<String> env) {
        ObjectNode manifest = base.manifest().deepCopy();
        ObjectNode config = base.config().deepCopy();
        ArrayNode envArray = ((ObjectNode) config.path("config")).putArray("Env");
        env.forEach(envArray::add);
        for (String layer : appLayers) {
            ((ArrayNode) manifest.path("layers")).addObject().put("mediaType",
                    manifest.path("layers").get(0).path("mediaType").asText()).put("digest", d(layer)).put("size", 5);
            ((ArrayNode) config.path("rootfs").path("diff_ids")).add(id(layer));
            ((ArrayNode) config.path("history")).addObject().put("created_by", "app " + layer);
        }
        return new ImageRebase.Image(manifest, config);
    }

    private static String d(String name) {
        return Digest.sha256Of(("blob " + name).getBytes()).toString();
    }

    private static String id(String name) {
        return Digest.sha256Of(("tar " + name).getBytes()).toString();
    }

    private static List<String> digests(JsonNode layers) {
        return texts(layers, "digest");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.path(field).asText()));
        return values;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }
}
