package dev.drydock.rebuild.engine;

import static dev.drydock.testing.TestImages.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.graph.buildfile.ImageRecipe;
import dev.drydock.image.ImageReference;
import dev.drydock.image.MediaTypes;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestImages.PushedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildFromRecipeTest {

    @TempDir
    Path context;

    @TempDir
    Path cache;

    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void shouldBuildAJibYamlRecipeOnThePinnedBaseAndPushItToThePrivateRegistry() throws Exception {
        String baseTag = BuildRegistries.upstream() + "/base/runtime:1";
        PushedImage base = TestImages.builder().layer(Map.of("etc/base.txt", utf8("base"))).push(baseTag);
        write("config/app.properties", "port=8080");
        write("config/dev.secret", "do not ship");
        write("bin/run", "#!/bin/sh\necho hi");
        String target = BuildRegistries.privateRegistry() + "/team/yaml-app:1";

        BuildResult result = new JibImageBuilder(cache).build(request(Recipes.jibYaml("""
                apiVersion: jib/v1alpha1
                kind: BuildFile
                from:
                  image: %s
                format: OCI
                environment:
                  GREETING: hello
                  PATH: "$PATH:/app/bin"
                labels:
                  team: drydock
                exposedPorts: ["8080"]
                workingDirectory: /app
                entrypoint: ["/app/bin/run"]
                cmd: ["--port", "8080"]
                layers:
                  entries:
                    - name: config
                      files:
                        - src: config
                          dest: /app/config
                          excludes: ["**/*.secret"]
                    - name: scripts
                      files:
                        - src: bin/run
                          dest: /app/bin/run
                          properties:
                            filePermissions: "755"
                            user: "1000"
                            group: "1000"
                """.formatted(baseTag)), base, target)
                .withAnnotations(Map.of(
                        "org.opencontainers.image.source", "https://git.example/team/app",
                        "org.opencontainers.image.revision", "0123abc")), log::add);

        JsonNode inspected = Skopeo.inspect(target);
        assertThat(result.digest()).isEqualTo(inspected.path("Digest").asText());
        assertThat(result.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(result.pushedTags()).containsExactly(target);
        assertThat(result.unchanged()).isFalse();

        List<String> layers = Skopeo.layers(target);
        assertThat(layers).hasSize(3).startsWith(Skopeo.layers(base.byDigest()).toArray(String[]::new));

        JsonNode config = Skopeo.config(target).path("config");
        assertThat(texts(config.path("Env"))).contains("GREETING=hello",
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/app/bin");
        assertThat(texts(config.path("Entrypoint"))).containsExactly("/app/bin/run");
        assertThat(texts(config.path("Cmd"))).containsExactly("--port", "8080");
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/app");
        assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
        JsonNode labels = config.path("Labels");
        assertThat(labels.path(JibImageBuilder.BASE_DIGEST).asText()).isEqualTo(base.digest());
        assertThat(labels.path(JibImageBuilder.BASE_NAME).asText()).isEqualTo(baseTag);
        assertThat(labels.path("org.opencontainers.image.revision").asText()).isEqualTo("0123abc");
        assertThat(labels.path("team").asText()).isEqualTo("drydock");
        assertThat(Skopeo.config(target).path("created").asText()).isEqualTo("1970-01-01T00:00:00Z");

        var configLayer = LayerContents.of(target, layers.get(1));
        assertThat(configLayer).containsKey("/app/config/app.properties").doesNotContainKey("/app/config/dev.secret");
        var script = LayerContents.of(target, layers.get(2)).get("/app/bin/run");
        assertThat(script.mode()).isEqualTo(0755);
        assertThat(script.uid()).isEqualTo(1000);
        assertThat(script.modifiedMillis()).isEqualTo(1000);

        assertThat(log).anyMatch(l -> l.startsWith("base " + baseTag + "@" + base.digest()))
                .anyMatch(l -> l.startsWith("layer \"config\": 1 file(s)"))
                .anyMatch(l -> l.startsWith("pushed " + result.digest()));
    }

    @Test
    void shouldBuildADockerfileRecipeWithVariablesFromTheBaseAndKeepTheExecutableBit() throws Exception {
        String baseTag = BuildRegistries.upstream() + "/base/runtime:df";
        PushedImage base = TestImages.push(baseTag);
        write("a.txt", "A");
        write("b.txt", "B");
        write("notes.md", "not copied");
        write("bin/start", "#!/bin/sh\nexec true");
        Files.setPosixFilePermissions(context.resolve("bin/start"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(context.resolve("bin/launch"), Path.of("start"));
        String target = BuildRegistries.privateRegistry() + "/team/docker-app:1";

        BuildResult result = new JibImageBuilder(cache).build(request(Recipes.dockerfile("""
                FROM %s
                ENV APP_HOME=/srv/app FIRST=${PATH%%%%:*} PATH=$PATH:/srv/app/bin
                WORKDIR $APP_HOME
                COPY --chown=1000:1000 *.txt ./
                COPY bin/ bin/
                EXPOSE 8080/tcp 53/udp
                USER 1000
                ENTRYPOINT ["/srv/app/bin/start"]
                """.formatted(baseTag)), base, target), log::add);

        assertThat(result.digest()).isEqualTo(Skopeo.inspect(target).path("Digest").asText());
        assertThat(result.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_V2);
        JsonNode config = Skopeo.config(target).path("config");
        assertThat(texts(config.path("Env")))
                .contains("APP_HOME=/srv/app", "FIRST=/usr/local/sbin", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/srv/app/bin");
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/srv/app");
        assertThat(config.path("User").asText()).isEqualTo("1000");
        assertThat(config.path("ExposedPorts").has("53/udp")).isTrue();
        assertThat(config.path("Labels").path(JibImageBuilder.BASE_DIGEST).asText()).isEqualTo(base.digest());

        List<String> layers = Skopeo.layers(target);
        assertThat(layers).hasSize(3).startsWith(Skopeo.layers(base.byDigest()).get(0));
        var texts = LayerContents.of(target, layers.get(1));
        assertThat(texts.keySet()).contains("/srv/app/a.txt", "/srv/app/b.txt").doesNotContain("/srv/app/notes.md");
        assertThat(texts.get("/srv/app/a.txt").uid()).isEqualTo(1000);
        assertThat(texts.get("/srv/app/a.txt").mode()).isEqualTo(0644);
        var start = LayerContents.of(target, layers.get(2)).get("/srv/app/bin/start");
        assertThat(start.mode()).isEqualTo(0755);
        assertThat(start.content()).contains("exec true");
        assertThat(LayerContents.of(target, layers.get(2)).get("/srv/app/bin/launch").content()).contains("exec true");
    }

    @Test
    void shouldMountTheBaseLayersWhenTheBaseIsInTheTargetRegistry() throws Exception {
        String baseTag = BuildRegistries.privateRegistry() + "/base/local:1";
        PushedImage base = TestImages.push(baseTag);
        String baseLayer = Skopeo.layers(base.byDigest()).get(0);
        write("app.txt", "app");

        new JibImageBuilder(cache).build(request(Recipes.dockerfile("FROM " + baseTag + "\nCOPY app.txt /\n"), base,
                BuildRegistries.privateRegistry() + "/team/mounted:1"), log::add);

        assertThat(log).anyMatch(l -> l.startsWith("mounted blob " + baseLayer));
    }

    @Test
    void shouldRefuseACopySourceThatIsNotInTheContext() throws Exception {
        String baseTag = BuildRegistries.upstream() + "/base/runtime:missing";
        PushedImage base = TestImages.push(baseTag);
        var recipe = Recipes.dockerfile("FROM " + baseTag + "\nCOPY nowhere.txt /app/\n");

        var thrown = catchThrowableOfType(BuildException.class, () ->
                new JibImageBuilder(cache).build(request(recipe, base,
                        BuildRegistries.privateRegistry() + "/team/broken:1"), log::add));

        assertThat(thrown.kind()).isEqualTo(BuildException.Kind.BAD_RECIPE);
        assertThat(thrown.getMessage()).contains("nowhere.txt");
    }

    @Test
    void shouldReportABaseDigestThatDoesNotExistAsBaseMissing() {
        String baseTag = BuildRegistries.upstream() + "/base/runtime:gone";
        PushedImage base = TestImages.push(baseTag);
        PushedImage gone = new PushedImage(baseTag,
                "sha256:0000000000000000000000000000000000000000000000000000000000000000", base.mediaType());

        var thrown = catchThrowableOfType(BuildException.class, () ->
                new JibImageBuilder(cache).build(request(Recipes.dockerfile("FROM " + baseTag + "\n"), gone,
                        BuildRegistries.privateRegistry() + "/team/orphan:1"), log::add));

        assertThat(thrown.kind()).isEqualTo(BuildException.Kind.BASE_MISSING);
        assertThat(thrown.getMessage()).contains(gone.digest());
    }

    static BuildRequest request(ImageRecipe recipe, PushedImage base, String target,
            Path context) {
        return BuildRequest.of(recipe, context, Optional.of(ImageReference.parse(base.reference() + "@" + base.digest())),
                List.of(ImageReference.parse(target))).withPlainHttpRegistries(BuildRegistries.plainHttp());
    }

    private BuildRequest request(ImageRecipe recipe, PushedImage base, String target) {
        return request(recipe, base, target, context);
    }

    private void write(String path, String content) throws IOException {
        Path file = context.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
