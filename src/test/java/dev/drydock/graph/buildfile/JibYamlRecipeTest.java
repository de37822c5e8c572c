package dev.drydock.graph.buildfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.graph.buildfile.ImageRecipe.FileCopy;
import dev.drydock.graph.buildfile.ImageRecipe.FileProperties;
import dev.drydock.graph.buildfile.ImageRecipe.Format;
import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a jib.yaml turns into for Jib. */
class JibYamlRecipeTest {

    private final BuildFileAnalyzer analyzer = new BuildFileAnalyzer();

    private ImageRecipe recipe(String jibYaml) {
        BuildFileAnalysis analysis = analyzer.analyze(BuildFileKind.JIB_YAML, jibYaml, Map.of(), Optional.empty());
        assertThat(analysis.problems()).isEmpty();
        return analysis.recipe().orElseThrow();
    }

    @Test
    void shouldCarryEveryFieldOfTheBuildFile() {
        ImageRecipe recipe = recipe("""
                apiVersion: jib/v1alpha1
                kind: BuildFile
                from:
                  image: eclipse-temurin:21-jre
                  platforms:
                    - {architecture: amd64, os: linux}
                    - {architecture: arm64, os: linux}
                creationTime: 2024-05-01T12:00:00Z
                format: OCI
                environment:
                  JAVA_TOOL_OPTIONS: -XX:MaxRAMPercentage=75
                  PORT: 8080
                labels:
                  org.opencontainers.image.source: https://example.com/app
                volumes: [/tmp]
                exposedPorts: [8080, "53/udp", "8000-8010/tcp"]
                user: "1000:1000"
                workingDirectory: /app
                entrypoint: [java, -jar, /app/app.jar]
                cmd: ["--spring.profiles.active=prod"]
                """);

        assertThat(recipe.base()).contains(ImageReference.parse("eclipse-temurin:21-jre"));
        assertThat(recipe.platforms()).containsExactly(Platform.of("linux", "amd64"), Platform.of("linux", "arm64"));
        assertThat(recipe.creationTime()).contains(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(recipe.format()).contains(Format.OCI);
        assertThat(recipe.environment()).containsExactly(
                Map.entry("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75"), Map.entry("PORT", "8080"));
        assertThat(recipe.labels()).containsEntry("org.opencontainers.image.source", "https://example.com/app");
        assertThat(recipe.volumes()).containsExactly("/tmp");
        assertThat(recipe.exposedPorts()).containsExactly("8080", "53/udp", "8000-8010/tcp");
        assertThat(recipe.user()).contains("1000:1000");
        assertThat(recipe.workingDirectory()).contains("/app");
        assertThat(recipe.entrypoint()).contains(List.of("java", "-jar", "/app/app.jar"));
        assertThat(recipe.cmd()).contains(List.of("--spring.profiles.active=prod"));
        assertThat(recipe.layers()).isEmpty();
    }

    @Test
    void shouldMergeFilePropertiesFromLayersEntryAndFile() {
        ImageRecipe recipe = recipe("""
                apiVersion: jib/v1alpha1
                kind: BuildFile
                from:
                  image: eclipse-temurin:21-jre
                layers:
                  properties:
                    filePermissions: "644"
                    directoryPermissions: "755"
                    user: "0"
                    group: "0"
                    timestamp: "1000"
                  entries:
                    - name: libs
                      properties:
                        user: "1000"
                      files:
                        - src: target/lib
                          dest: /app/lib
                          includes: ["**/*.jar"]
                          excludes: ["**/*-sources.jar"]
                    - name: app
                      files:
                        - src: target/app.jar
                          dest: /app/app.jar
                          properties:
                            filePermissions: "600"
                            timestamp: 2024-05-01T12:00:00+02:00
                """);

        assertThat(recipe.layers()).hasSize(2);
        assertThat(recipe.layers().get(0).name()).isEqualTo("libs");
        assertThat(recipe.layers().get(0).files()).containsExactly(new FileCopy("target/lib", "/app/lib",
                List.of("**/*.jar"), List.of("**/*-sources.jar"), new FileProperties(Optional.of("644"),
                        Optional.of("755"), Optional.of("1000"), Optional.of("0"), Optional.of("1000"))));
        assertThat(recipe.layers().get(1).files()).containsExactly(new FileCopy("target/app.jar", "/app/app.jar",
                List.of(), List.of(), new FileProperties(Optional.of("600"), Optional.of("755"), Optional.of("0"),
                        Optional.of("0"), Optional.of("2024-05-01T12:00:00+02:00"))));
    }

    @Test
    void shouldDefaultToScratchTheRequestedPlatformAndJibDefaults() {
        BuildFileAnalysis analysis = analyzer.analyze(BuildFileKind.JIB_YAML, """
                apiVersion: jib/v1alpha1
                kind: BuildFile
                """, Map.of(), Optional.of(Platform.parse("linux/arm64")));

        ImageRecipe recipe = analysis.recipe().orElseThrow();
        assertThat(recipe.base()).isEmpty();
        assertThat(recipe.platforms()).containsExactly(Platform.parse("linux/arm64"));
        assertThat(recipe.creationTime()).isEmpty();
        assertThat(recipe.format()).isEmpty();
        assertThat(recipe.entrypoint()).isEmpty();
        assertThat(recipe.cmd()).isEmpty();
        assertThat(analysis.stages()).singleElement()
                .satisfies(s -> assertThat(s.base()).isInstanceOf(StageBase.Scratch.class));
        assertThat(analysis.dependencies()).isEmpty();
    }

    @Test
    void shouldReadCreationTimeAsMillisecondsSinceTheEpoch() {
        ImageRecipe recipe = recipe("""
                apiVersion: jib/v1alpha1
                kind: BuildFile
                creationTime: 1714564800000
                """);

        assertThat(recipe.creationTime()).contains(Instant.parse("2024-05-01T12:00:00Z"));
    }
}
