package dev.drydock.rebuild.engine;

import static dev.drydock.testing.TestImages.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.graph.buildfile.ImageRecipe;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestImages.PushedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild whose only new input is the base swaps the base under the held image instead of running Jib; the
 * image it pushes must be the very one a full Jib build gives.
 */
class RebaseTest {

    private static final byte[] LOWER = utf8("lower layer, the same in both bases");
    private static final byte[] MIDDLE = utf8("middle layer, the same in both bases");

    @TempDir
    Path context;

    @TempDir
    Path cache;

    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void shouldRebaseADockerImageWithBaseHistoryToTheDigestJibBuilds() throws Exception {
        String baseTag = BuildRegistries.upstream() + "/base/rebase-" + UUID.randomUUID() + ":1";
        ImageRecipe recipe = Recipes.dockerfile("FROM " + baseTag + "\nENV APP_HOME=/srv\nWORKDIR /srv\n"
                + "COPY app.txt conf/\nLABEL team=drydock\nCMD [\"/srv/run\"]\n");
        assertRebaseMatchesJib(recipe, baseTag, "2026-11-30T10:00:00.123456789Z");
    }

    @Test
    void shouldRebaseAnOciImageOfABaseWithoutHistoryToTheDigestJibBuilds() throws Exception {
        String baseTag = BuildRegistries.upstream() + "/base/rebase-" + UUID.randomUUID() + ":1";
        ImageRecipe recipe = Recipes.jibYaml("""
                apiVersion: jib/v1alpha1
                kind: BuildFile
                from:
                  image: %s
                format: OCI
                environment:
                  MODE: rebased
                layers:
                  entries:
                    - name: app
                      files:
                        - src: app.txt
                          dest: /app/app.txt
                """.formatted(baseTag));
        assertRebaseMatchesJib(recipe, baseTag, null);
    }

    @Test
    void shouldRebaseBothStepsOfACascadeThroughAnImageDrydockBuilt() throws Exception {
        // base → app-base (built here, so its base-digest label changes with every rebuild) → app
        String baseTag = BuildRegistries.upstream() + "/base/rebase-" + UUID.randomUUID() + ":1";
        String appBaseTag = BuildRegistries.privateRegistry() + "/team/app-base-" + UUID.randomUUID() + ":1";
        String appTag = BuildRegistries.privateRegistry() + "/team/app-" + UUID.randomUUID() + ":1";
        ImageRecipe appBaseRecipe = Recipes.dockerfile("FROM " + baseTag + "\nCOPY app.txt /opt/base/\n");
        ImageRecipe appRecipe = Recipes.dockerfile("FROM " + appBaseTag + "\nCOPY app.txt /opt/app/\n");
        write("app.txt", "shared by both steps");
        JibImageBuilder builder = new JibImageBuilder(cache);
        BuildResult appBase = builder.build(BuildFromRecipeTest.request(appBaseRecipe,
                pushBase(baseTag, "2026-11-30T10:00:00Z", "top one"), appBaseTag, context), log::add);
        builder.build(BuildFromRecipeTest.request(appRecipe, pushed(appBaseTag, appBase), appTag, context), log::add);

        log.clear();
        BuildResult newAppBase = builder.build(BuildFromRecipeTest.request(appBaseRecipe,
                pushBase(baseTag, "2026-11-30T10:00:00Z", "top two"), appBaseTag, context), log::add);
        BuildResult newApp = builder.build(BuildFromRecipeTest.request(appRecipe, pushed(appBaseTag, newAppBase),
                appTag, context), log::add);

        assertThat(log.stream().filter(l -> l.startsWith("rebased ")).count()).as("both steps rebased").isEqualTo(2);
        String jibTarget = BuildRegistries.privateRegistry() + "/team/jib-" + UUID.randomUUID() + ":1";
        BuildResult jib = new JibImageBuilder(cache, false).build(BuildFromRecipeTest.request(appRecipe,
                pushed(appBaseTag, newAppBase), jibTarget, context), log::add);
        assertThat(newApp.digest()).as("the rebased app is byte for byte the one Jib builds").isEqualTo(jib.digest());
    }

    @Test
    void shouldBuildWithJibWhenTheNewBaseChangedItsConfiguration() throws Exception {
        String baseTag = BuildRegistries.upstream() + "/base/rebase-" + UUID.randomUUID() + ":1";
        ImageRecipe recipe = Recipes.dockerfile("FROM " + baseTag + "\nCOPY app.txt /app/\n");
        write("app.txt", "app");
        String target = BuildRegistries.privateRegistry() + "/team/rebase-" + UUID.randomUUID() + ":1";
        new JibImageBuilder(cache).build(BuildFromRecipeTest.request(recipe, pushBase(baseTag, null, "one"), target, context), log::add);
        PushedImage changed = TestImages.builder().env(Map.of("JAVA_VERSION", "21.0.9"))
                .layer(Map.of("lower.txt", LOWER)).layer(Map.of("middle.txt", MIDDLE))
                .layer(Map.of("top.txt", utf8("two"))).push(baseTag);
        log.clear();

        BuildResult result = new JibImageBuilder(cache).build(
                BuildFromRecipeTest.request(recipe, changed, target, context), log::add);

        assertThat(log).anyMatch(l -> l.startsWith("full build with Jib: the new base's configuration differs"));
        assertThat(log).noneMatch(l -> l.startsWith("rebased"));
        assertThat(Skopeo.config(target).path("config").path("Env").toString()).contains("JAVA_VERSION=21.0.9");
        assertThat(result.digest()).isEqualTo(Skopeo.inspect(target).path("Digest").asText());
    }

    @Test
    void shouldBuildWithJibWhenTheFilesChangedToo() throws Exception {
        String baseTag = BuildRegistries.upstream() + "/base/rebase-" + UUID.randomUUID() + ":1";
        ImageRecipe recipe = Recipes.dockerfile("FROM " + baseTag + "\nCOPY app.txt /app/\n");
        String target = BuildRegistries.privateRegistry() + "/team/rebase-" + UUID.randomUUID() + ":1";
        write("app.txt", "version 1");
        new JibImageBuilder(cache).build(BuildFromRecipeTest.request(recipe, pushBase(baseTag, null, "one"), target, context), log::add);
        PushedImage next = pushBase(baseTag, null, "two");
        write("app.txt", "version 2");
        log.clear();

        new JibImageBuilder(cache).build(BuildFromRecipeTest.request(recipe, next, target, context), log::add);

        assertThat(log).anyMatch(l -> l.startsWith("full build with Jib: the held image was built from other inputs"));
        assertThat(Skopeo.layers(target)).startsWith(Skopeo.layers(next.byDigest()).toArray(String[]::new));
    }

    @Test
    void shouldCopyANewBaseLayerAcrossRegistriesOnceAndMountItIntoEveryOtherTarget() throws Exception {
        String baseTag = BuildRegistries.upstream() + "/base/fan-" + UUID.randomUUID() + ":1";
        ImageRecipe recipe = Recipes.dockerfile("FROM " + baseTag + "\nCOPY app.txt /srv/\n");
        write("app.txt", "the app");
        JibImageBuilder builder = new JibImageBuilder(cache);
        PushedImage first = pushBase(baseTag, null, "fan one");
        List<String> targets = List.of("a", "b", "c").stream()
                .map(name -> BuildRegistries.privateRegistry() + "/team/fan-" + name + "-" + UUID.randomUUID() + ":1")
                .toList();
        for (String target : targets) {
            builder.build(BuildFromRecipeTest.request(recipe, first, target, context), log::add);
        }

        PushedImage next = pushBase(baseTag, null, "fan two");
        List<String> rebased = new java.util.ArrayList<>();
        for (String target : targets) {
            log.clear();
            builder.build(BuildFromRecipeTest.request(recipe, next, target, context), log::add);
            rebased.add(log.stream().filter(l -> l.startsWith("rebased ")).findFirst().orElseThrow());
        }

        assertThat(rebased.get(0)).contains("1 copied, 0 mounted, 2 already there");
        assertThat(rebased.subList(1, 3)).allSatisfy(l -> assertThat(l).contains("0 copied, 1 mounted, 2 already there"));
        for (String target : targets) {
            assertThat(Skopeo.layers(target)).startsWith(Skopeo.layers(next.byDigest()).toArray(String[]::new));
        }
    }

    private void assertRebaseMatchesJib(ImageRecipe recipe, String baseTag, String history) throws Exception {
        write("app.txt", "the app");
        String target = BuildRegistries.privateRegistry() + "/team/rebase-" + UUID.randomUUID() + ":1";
        JibImageBuilder builder = new JibImageBuilder(cache);
        PushedImage first = pushBase(baseTag, history, "top one");
        BuildResult initial = builder.build(BuildFromRecipeTest.request(recipe, first, target, context), log::add);
        assertThat(log).anyMatch(l -> l.equals("full build with Jib: the target holds no image yet"));

        // the second rebase reads the held image and the previous base from what the first one left in memory
        BuildResult rebased = initial;
        PushedImage latest = first;
        for (String top : List.of("top two", "top three")) {
            latest = pushBase(baseTag, history, top);
            log.clear();
            BuildResult next = builder.build(BuildFromRecipeTest.request(recipe, latest, target, context), log::add);
            assertThat(log).anyMatch(l -> l.startsWith("rebased ") && l.contains("1 copied, 0 mounted, 2 already there"));
            assertThat(next.digest()).isNotEqualTo(rebased.digest());
            rebased = next;
        }

        String jibTarget = BuildRegistries.privateRegistry() + "/team/jib-" + UUID.randomUUID() + ":1";
        BuildResult jib = new JibImageBuilder(cache, false).build(
                BuildFromRecipeTest.request(recipe, latest, jibTarget, context), log::add);
        assertThat(rebased.digest()).as("the rebased image is byte for byte the one Jib builds").isEqualTo(jib.digest());
        assertThat(rebased.mediaType()).isEqualTo(jib.mediaType());
        assertThat(Skopeo.inspect(target).path("Digest").asText()).isEqualTo(rebased.digest());
        assertThat(Skopeo.layers(target)).startsWith(Skopeo.layers(latest.byDigest()).toArray(String[]::new));
        assertThat(Skopeo.config(target).path("config").path("Labels").path(JibImageBuilder.BASE_DIGEST).asText())
                .isEqualTo(latest.digest());
    }

    private static PushedImage pushed(String tag, BuildResult result) {
        return new PushedImage(tag, result.digest(), result.mediaType());
    }

    private static PushedImage pushBase(String baseTag, String history, String top) {
        TestImages.Builder builder = TestImages.builder().layer(Map.of("lower.txt", LOWER))
                .layer(Map.of("middle.txt", MIDDLE)).layer(Map.of("top.txt", utf8(top)));
        if (history != null) {
            builder.history(history);
        }
        return builder.push(baseTag);
    }

    private void write(String path, String content) throws IOException {
        Files.writeString(context.resolve(path), content);
    }
}
