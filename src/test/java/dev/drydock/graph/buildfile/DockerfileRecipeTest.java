package dev.drydock.graph.buildfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.graph.buildfile.ImageRecipe.FileCopy;
import dev.drydock.graph.buildfile.ImageRecipe.FileProperties;
import dev.drydock.graph.buildfile.ImageRecipe.Layer;
import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a buildable Dockerfile turns into for Jib. */
class DockerfileRecipeTest {

    private final BuildFileAnalyzer analyzer = new BuildFileAnalyzer();

    private ImageRecipe recipe(String dockerfile) {
        return recipe(dockerfile, Map.of());
    }

    private ImageRecipe recipe(String dockerfile, Map<String, String> args) {
        BuildFileAnalysis analysis = analyzer.analyze(BuildFileKind.DOCKERFILE, dockerfile, args, Optional.empty());
        assertThat(analysis.problems()).isEmpty();
        return analysis.recipe().orElseThrow();
    }

    @Test
    void shouldDescribeEverythingTheFinalStageSets() {
        ImageRecipe recipe = recipe("""
                FROM eclipse-temurin:21-jre
                ARG APP=app
                LABEL org.opencontainers.image.title="My App" version=1
                ENV APP_HOME=/opt/$APP JAVA_OPTS=""
                WORKDIR $APP_HOME
                COPY --chown=1000:1000 --chmod=0755 target/$APP.jar lib/ ./
                ADD config.yaml /etc/app/
                EXPOSE 8080 9090/UDP
                VOLUME ["/data"]
                USER 1000
                ENTRYPOINT ["java", "-jar", "app.jar"]
                CMD ["--server.port=8080"]
                """);

        assertThat(recipe.base()).contains(ImageReference.parse("eclipse-temurin:21-jre"));
        assertThat(recipe.platforms()).containsExactly(Platform.of("linux", "amd64"));
        assertThat(recipe.labels()).containsExactly(Map.entry("org.opencontainers.image.title", "My App"),
                Map.entry("version", "1"));
        assertThat(recipe.environment()).containsExactly(Map.entry("APP_HOME", "/opt/app"),
                Map.entry("JAVA_OPTS", ""));
        assertThat(recipe.workingDirectory()).contains("/opt/app");
        assertThat(recipe.exposedPorts()).containsExactly("8080", "9090/udp");
        assertThat(recipe.volumes()).containsExactly("/data");
        assertThat(recipe.user()).contains("1000");
        assertThat(recipe.entrypoint()).contains(List.of("java", "-jar", "app.jar"));
        assertThat(recipe.cmd()).contains(List.of("--server.port=8080"));
        assertThat(recipe.creationTime()).isEmpty();
        assertThat(recipe.format()).isEmpty();

        FileProperties owned = new FileProperties(Optional.of("755"), Optional.of("755"), Optional.of("1000"),
                Optional.of("1000"), Optional.empty());
        assertThat(recipe.layers()).containsExactly(
                new Layer("COPY line 6", List.of(
                        new FileCopy("target/app.jar", "/opt/app/", List.of(), List.of(), owned),
                        new FileCopy("lib/", "/opt/app/", List.of(), List.of(), owned))),
                new Layer("ADD line 7", List.of(
                        new FileCopy("config.yaml", "/etc/app/", List.of(), List.of(), FileProperties.DEFAULTS))));
    }

    @Test
    void shouldWrapTheShellFormInTheShellOfTheStage() {
        ImageRecipe recipe = recipe("""
                FROM alpine:3.20
                CMD echo "hello $USER"
                SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
                ENTRYPOINT exec /app
                """);

        assertThat(recipe.cmd()).contains(List.of("/bin/sh", "-c", "echo \"hello $USER\""));
        assertThat(recipe.entrypoint()).contains(List.of("/bin/ash", "-eo", "pipefail", "-c", "exec /app"));
    }

    @Test
    void shouldClearTheBaseCmdWhenTheStageSetsOnlyAnEntrypoint() {
        ImageRecipe recipe = recipe("""
                FROM nginx:1.27 AS base
                CMD ["nginx", "-g", "daemon off;"]
                FROM base
                ENTRYPOINT ["/docker-entrypoint.sh"]
                """);

        assertThat(recipe.entrypoint()).contains(List.of("/docker-entrypoint.sh"));
        assertThat(recipe.cmd()).contains(List.of());
    }

    @Test
    void shouldLeaveUnsetEntrypointAndCmdToTheBaseImage() {
        ImageRecipe recipe = recipe("""
                FROM nginx:1.27
                COPY site/ /usr/share/nginx/html/
                """);

        assertThat(recipe.entrypoint()).isEmpty();
        assertThat(recipe.cmd()).isEmpty();
        assertThat(recipe.user()).isEmpty();
        assertThat(recipe.workingDirectory()).isEmpty();
    }

    @Test
    void shouldReadLegacyAndMultiPairEnvAndLabel() {
        ImageRecipe recipe = recipe("""
                FROM alpine:3.20
                ENV GREETING hello world
                ENV A=1 B="two words" C=three\\ words
                ENV A=2 D=$A
                LABEL maintainer "Jane Doe"
                LABEL "com.example.vendor"="ACME Inc" com.example.version=1.0
                """);

        assertThat(recipe.environment()).containsExactly(Map.entry("GREETING", "hello world"), Map.entry("A", "2"),
                Map.entry("B", "two words"), Map.entry("C", "three words"), Map.entry("D", "1"));
        assertThat(recipe.labels()).containsExactly(Map.entry("maintainer", "Jane Doe"),
                Map.entry("com.example.vendor", "ACME Inc"), Map.entry("com.example.version", "1.0"));
    }

    @Test
    void shouldKeepReferencesToTheBaseImageEnvironmentForTheBuilder() {
        ImageRecipe recipe = recipe("""
                FROM tomcat:10
                ENV PATH=$PATH:/opt/tools/bin JAVA_OPTS="${JAVA_OPTS:-} -Xmx512m"
                COPY app.war $CATALINA_HOME/webapps/
                """);

        assertThat(recipe.environment()).containsExactly(Map.entry("PATH", "$PATH:/opt/tools/bin"),
                Map.entry("JAVA_OPTS", "${JAVA_OPTS:-} -Xmx512m"));
        assertThat(recipe.layers().get(0).files().get(0).dest()).isEqualTo("$CATALINA_HOME/webapps/");
    }

    @Test
    void shouldResolveRelativeWorkdirsAndDestinations() {
        ImageRecipe recipe = recipe("""
                FROM alpine:3.20
                COPY a.txt data/
                WORKDIR /srv
                WORKDIR app/../web/
                COPY b.txt .
                COPY c.txt conf/c.txt
                WORKDIR /
                COPY d.txt ./d/
                """);

        assertThat(recipe.workingDirectory()).contains("/");
        assertThat(recipe.layers()).extracting(l -> l.files().get(0).dest())
                .containsExactly("data/", "/srv/web/", "/srv/web/conf/c.txt", "/d/");
    }

    @Test
    void shouldMergeStagesThatTheFinalImageIsBuiltOn() {
        ImageRecipe recipe = recipe("""
                FROM eclipse-temurin:21-jre AS base
                ENV JAVA_HOME_OPTS=-Dx=1
                WORKDIR /app
                LABEL tier=base
                FROM maven:3.9 AS build
                ENV IGNORED=yes
                FROM base
                ENV APP=demo
                COPY target/$APP.jar ./
                LABEL tier=app
                """);

        assertThat(recipe.base()).contains(ImageReference.parse("eclipse-temurin:21-jre"));
        assertThat(recipe.environment()).containsExactly(Map.entry("JAVA_HOME_OPTS", "-Dx=1"),
                Map.entry("APP", "demo"));
        assertThat(recipe.labels()).containsExactly(Map.entry("tier", "app"));
        assertThat(recipe.layers()).singleElement()
                .satisfies(l -> assertThat(l.files().get(0)).isEqualTo(
                        new FileCopy("target/demo.jar", "/app/", List.of(), List.of(), FileProperties.DEFAULTS)));
    }

    @Test
    void shouldUseArgsInTheRecipe() {
        ImageRecipe recipe = recipe("""
                ARG VERSION=1.0
                FROM eclipse-temurin:21-jre
                ARG VERSION
                ARG PROFILE=dev
                ENV APP_VERSION=$VERSION SPRING_PROFILES_ACTIVE=${PROFILE}
                """, Map.of("PROFILE", "prod"));

        assertThat(recipe.environment()).containsExactly(Map.entry("APP_VERSION", "1.0"),
                Map.entry("SPRING_PROFILES_ACTIVE", "prod"));
    }

    @Test
    void shouldTakePlatformArgsFromTheRequestedPlatformNotFromArgs() {
        BuildFileAnalysis analysis = analyzer.analyze(BuildFileKind.DOCKERFILE, """
                FROM --platform=$TARGETPLATFORM alpine:3.20
                ARG TARGETARCH=amd64
                ARG TARGETVARIANT
                ENV ARCH=$TARGETARCH VARIANT=$TARGETVARIANT
                """, Map.of("TARGETPLATFORM", "linux/s390x", "TARGETARCH", "s390x"),
                Optional.of(Platform.parse("linux/arm64/v8")));

        assertThat(analysis.dependencies()).singleElement()
                .satisfies(d -> assertThat(d.platform()).contains(Platform.parse("linux/arm64/v8")));
        assertThat(analysis.recipe().orElseThrow().environment()).containsExactly(Map.entry("ARCH", "arm64"),
                Map.entry("VARIANT", "v8"));
    }

    @Test
    void shouldCaptureChownWithoutGroupAndExcludes() {
        ImageRecipe recipe = recipe("""
                FROM alpine:3.20
                COPY --chown=app --exclude=*.md --exclude=docs/ . /srv/
                COPY --chown=1001 --chmod=640 secret.txt /srv/secret.txt
                """);

        assertThat(recipe.layers().get(0).files()).singleElement().isEqualTo(new FileCopy(".", "/srv/", List.of(),
                List.of("*.md", "docs/"), new FileProperties(Optional.empty(), Optional.empty(), Optional.of("app"),
                        Optional.empty(), Optional.empty())));
        assertThat(recipe.layers().get(1).files().get(0).properties()).isEqualTo(new FileProperties(
                Optional.of("640"), Optional.of("640"), Optional.of("1001"), Optional.of("1001"), Optional.empty()));
    }

    @Test
    void shouldReadVolumesAsJsonOrAsAList() {
        ImageRecipe recipe = recipe("""
                FROM postgres:16
                VOLUME /var/lib/postgresql/data /backups
                VOLUME ["/logs", "/tmp/x y"]
                """);

        assertThat(recipe.volumes()).containsExactly("/var/lib/postgresql/data", "/backups", "/logs", "/tmp/x y");
    }

    @Test
    void shouldBuildScratchWithoutABase() {
        ImageRecipe recipe = recipe("""
                FROM scratch
                COPY app /app
                ENTRYPOINT ["/app"]
                """);

        assertThat(recipe.base()).isEmpty();
        assertThat(recipe.entrypoint()).contains(List.of("/app"));
    }

    @Test
    void shouldBuildTheRequestedPlatformOrTheFinalFromPlatform() {
        BuildFileAnalysis requested = analyzer.analyze(BuildFileKind.DOCKERFILE, "FROM alpine:3.20\n", Map.of(),
                Optional.of(Platform.parse("linux/arm64")));
        BuildFileAnalysis fixed = analyzer.analyze(BuildFileKind.DOCKERFILE,
                "FROM --platform=linux/s390x alpine:3.20\n", Map.of(), Optional.of(Platform.parse("linux/arm64")));

        assertThat(requested.recipe().orElseThrow().platforms()).containsExactly(Platform.parse("linux/arm64"));
        assertThat(fixed.recipe().orElseThrow().platforms()).containsExactly(Platform.parse("linux/s390x"));
    }

    @Test
    void shouldHaveNoRecipeButBuildahWhenJibCannotBuildIt() {
        BuildFileAnalysis analysis = analyzer.analyze(BuildFileKind.DOCKERFILE, """
                FROM alpine:3.20
                RUN apk add curl
                """, Map.of(), Optional.empty());

        assertThat(analysis.buildable()).isTrue();
        assertThat(analysis.engine().orElseThrow().engine()).isEqualTo(Engine.BUILDAH);
        assertThat(analysis.engine().orElseThrow().reason()).startsWith("line 2: RUN needs a container engine");
        assertThat(analysis.recipe()).isEmpty();
        assertThat(analysis.runtimeDependency()).map(d -> d.reference().toString())
                .contains("docker.io/library/alpine:3.20");
    }
}
