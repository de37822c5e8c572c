package dev.drydock.rebuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.graph.buildfile.ImageRecipe;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestImages.PushedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RebuildTest {

    @TempDir
    Path context;

    @TempDir
    Path cache;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private String baseTag;
    private ImageRecipe recipe;
    private JibImageBuilder builder;

    @BeforeEach
    void recipe() throws Exception {
        baseTag = BuildRegistries.upstream() + "/base/rebuilt:" + System.nanoTime();
        Files.writeString(context.resolve("app.txt"), "the application");
        recipe = Recipes.dockerfile("FROM " + baseTag + "\nCOPY app.txt /app/\nCMD [\"/app/app.txt\"]\n");
        builder = new JibImageBuilder(cache);
    }

    @Test
    void shouldYieldTheSameDigestAndReportUnchangedWhenNothingChanged() throws Exception {
        PushedImage base = TestImages.push(baseTag);
        String target = BuildRegistries.privateRegistry() + "/team/steady:1";

        BuildResult first = builder.build(request(base, target), log::add);
        BuildResult second = builder.build(request(base, target), log::add);

        assertThat(first.unchanged()).isFalse();
        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(second.unchanged()).isTrue();
        assertThat(log).anyMatch(l -> l.startsWith("unchanged: " + target + " already held " + first.digest()))
                .anyMatch(l -> l.contains("already in the target repository: skipped"));
    }

    @Test
    void shouldBuildOnTheNewBaseLayersAfterTheBaseChanged() throws Exception {
        String target = BuildRegistries.privateRegistry() + "/team/follower:1";
        PushedImage v1 = TestImages.push(baseTag);
        BuildResult before = builder.build(request(v1, target), log::add);

        PushedImage v2 = TestImages.push(baseTag);
        BuildResult after = builder.build(request(v2, target), log::add);

        assertThat(after.digest()).isNotEqualTo(before.digest()).isEqualTo(Skopeo.inspect(target).path("Digest").asText());
        assertThat(after.unchanged()).isFalse();
        List<String> layers = Skopeo.layers(target);
        assertThat(layers).startsWith(Skopeo.layers(v2.byDigest()).toArray(String[]::new))
                .doesNotContainAnyElementsOf(Skopeo.layers(v1.byDigest()));
        assertThat(Skopeo.config(target).path("config").path("Labels").path(JibImageBuilder.BASE_DIGEST).asText())
                .isEqualTo(v2.digest());
    }

    @Test
    void shouldBuildOnThePinnedDigestEvenAfterTheBaseTagMovedOn() throws Exception {
        PushedImage v1 = TestImages.push(baseTag);
        BuildResult onV1 = builder.build(request(v1, BuildRegistries.privateRegistry() + "/team/pinned:1"), log::add);
        TestImages.push(baseTag);
        TestImages.push(baseTag);

        String target = BuildRegistries.privateRegistry() + "/team/pinned:again";
        BuildResult again = builder.build(request(v1, target), log::add);

        assertThat(again.digest()).isEqualTo(onV1.digest());
        assertThat(Skopeo.layers(target)).startsWith(Skopeo.layers(v1.byDigest()).toArray(String[]::new));
        assertThat(Skopeo.config(target).path("config").path("Labels").path(JibImageBuilder.BASE_DIGEST).asText())
                .isEqualTo(v1.digest());
    }

    private BuildRequest request(PushedImage base, String target) {
        return BuildFromRecipeTest.request(recipe, base, target, context);
    }
}
