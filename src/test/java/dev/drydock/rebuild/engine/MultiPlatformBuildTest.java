package dev.drydock.rebuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.image.MediaTypes;
import dev.drydock.image.Platform;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestImages.PushedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiPlatformBuildTest {

    private static final List<Platform> BOTH = List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64"));

    @TempDir
    Path context;

    @TempDir
    Path cache;

    @Test
    void shouldPushAnIndexWithOneManifestPerPlatformTheRecipeListsFromAMultiPlatformBase() throws Exception {
        String baseTag = BuildRegistries.upstream() + "/base/multi:1";
        PushedImage base = TestImages.builder().randomLayer(512).platforms("linux/amd64", "linux/arm64").push(baseTag);
        Files.writeString(context.resolve("app.txt"), "everywhere");
        String target = BuildRegistries.privateRegistry() + "/team/multi:1";
        var recipe = Recipes.jibYaml("""
                apiVersion: jib/v1alpha1
                kind: BuildFile
                from:
                  image: %s
                  platforms:
                    - {os: linux, architecture: amd64}
                    - {os: linux, architecture: arm64}
                layers:
                  entries:
                    - name: app
                      files:
                        - {src: app.txt, dest: /app/app.txt}
                """.formatted(baseTag));
        var request = BuildFromRecipeTest.request(recipe, base, target, context);

        BuildResult result = new JibImageBuilder(cache).build(request, message -> { });

        assertThat(result.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
        JsonNode index = Skopeo.raw(target);
        assertThat(index.path("manifests")).hasSize(2);
        List<String> platforms = new ArrayList<>();
        index.path("manifests").forEach(m -> platforms.add(m.path("platform").path("os").asText() + "/"
                + m.path("platform").path("architecture").asText()));
        assertThat(platforms).containsExactlyInAnyOrder("linux/amd64", "linux/arm64");
        assertThat(result.platformDigests()).containsOnlyKeys(BOTH);
        String baseLayer = Skopeo.layers(base.byDigest()).get(0);
        for (String digest : result.platformDigests().values()) {
            assertThat(Skopeo.layers(target.replace(":1", "") + "@" + digest)).hasSize(2).startsWith(baseLayer);
        }

        BuildResult again = new JibImageBuilder(cache).build(request, message -> { });
        assertThat(again.digest()).isEqualTo(result.digest());
        assertThat(again.unchanged()).isTrue();
    }

    @Test
    void shouldRefuseSeveralPlatformsInTheOciFormatWhichJibCannotIndex() {
        String baseTag = BuildRegistries.upstream() + "/base/multi:oci";
        PushedImage base = TestImages.builder().platforms("linux/amd64", "linux/arm64").push(baseTag);
        var recipe = Recipes.jibYaml("apiVersion: jib/v1alpha1\nkind: BuildFile\nfrom:\n  image: " + baseTag
                + "\nformat: OCI\n");
        var request = BuildFromRecipeTest.request(recipe, base, BuildRegistries.privateRegistry() + "/team/oci:1",
                context).withPlatforms(BOTH);

        var thrown = catchThrowableOfType(BuildException.class,
                () -> new JibImageBuilder(cache).build(request, message -> { }));

        assertThat(thrown.kind()).isEqualTo(BuildException.Kind.BAD_RECIPE);
        assertThat(thrown.getMessage()).contains("OCI image index");
    }

    @Test
    void shouldRefuseSeveralPlatformsOfASinglePlatformBase() {
        String baseTag = BuildRegistries.upstream() + "/base/single:1";
        PushedImage base = TestImages.push(baseTag);
        var recipe = Recipes.dockerfile("FROM " + baseTag + "\n");
        var request = BuildFromRecipeTest.request(recipe, base, BuildRegistries.privateRegistry() + "/team/x:1",
                context).withPlatforms(BOTH);

        var thrown = catchThrowableOfType(BuildException.class,
                () -> new JibImageBuilder(cache).build(request, message -> { }));

        assertThat(thrown.kind()).isEqualTo(BuildException.Kind.BAD_RECIPE);
        assertThat(thrown.getMessage()).contains("single-platform");
    }
}
