package dev.drydock.graph.buildfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stages of a Dockerfile and what each is built FROM. */
class DockerfileStagesTest {

    private final BuildFileAnalyzer analyzer = new BuildFileAnalyzer();

    @Test
    void shouldAnalyseATargetStageAsTheFinalImageWithoutTheStagesAfterIt() {
        String file = """
                FROM maven:3.9 AS build
                RUN mvn package
                FROM eclipse-temurin:21-jre AS runtime
                COPY app.jar /app.jar
                FROM nginx:1 AS docs
                RUN make docs
                """;

        BuildFileAnalysis runtime = analyzer.analyze(BuildFileKind.DOCKERFILE, file, Map.of(), Optional.empty(),
                Optional.of("Runtime"));

        assertThat(runtime.stages()).extracting(Stage::name).containsExactly(Optional.of("build"), Optional.of("runtime"));
        assertThat(runtime.references()).extracting(ImageReference::toString)
                .containsExactly("docker.io/library/maven:3.9", "docker.io/library/eclipse-temurin:21-jre");
        assertThat(runtime.runtimeDependency()).map(d -> d.reference().toString())
                .contains("docker.io/library/eclipse-temurin:21-jre");
        assertThat(runtime.engine()).map(EngineChoice::engine).as("the target is Jib-expressible").contains(Engine.JIB);
        assertThat(runtime.recipe()).isPresent();

        BuildFileAnalysis build = analyzer.analyze(BuildFileKind.DOCKERFILE, file, Map.of(), Optional.empty(),
                Optional.of("build"));
        assertThat(build.references()).extracting(ImageReference::toString).containsExactly("docker.io/library/maven:3.9");
        assertThat(build.engine()).map(EngineChoice::engine).contains(Engine.BUILDAH);
    }

    @Test
    void shouldNameTheStagesThereAreWhenTheTargetIsNoneOfThem() {
        BuildFileSyntaxException e = org.assertj.core.api.Assertions.catchThrowableOfType(UnknownTargetException.class,
                () -> analyzer.analyze(BuildFileKind.DOCKERFILE, "FROM a AS build\nFROM b\nFROM c AS test\n", Map.of(),
                        Optional.empty(), Optional.of("runtime")));

        assertThat(e.detail()).isEqualTo("target runtime is not a stage of the Dockerfile: its stages are build, test");
    }

    @Test
    void shouldListStagesWithTheirBases() {
        BuildFileAnalysis analysis = analyzer.analyze(BuildFileKind.DOCKERFILE, """
                ARG BASE=eclipse-temurin:21-jre
                FROM --platform=$BUILDPLATFORM maven:3.9 AS Build
                FROM ${BASE} AS runtime
                FROM scratch AS empty
                FROM runtime
                """, Map.of(), Optional.empty());

        assertThat(analysis.stages()).containsExactly(
                new Stage(0, Optional.of("build"), 2, "maven:3.9",
                        new StageBase.Image(ImageReference.parse("maven:3.9")),
                        Optional.of(Platform.of("linux", "amd64"))),
                new Stage(1, Optional.of("runtime"), 3, "${BASE}",
                        new StageBase.Image(ImageReference.parse("eclipse-temurin:21-jre")), Optional.empty()),
                new Stage(2, Optional.of("empty"), 4, "scratch", new StageBase.Scratch(), Optional.empty()),
                new Stage(3, Optional.empty(), 5, "runtime", new StageBase.OfStage(1), Optional.empty()));
        assertThat(analysis.runtimeDependency()).map(Dependency::stage).contains(1);
        assertThat(analysis.references()).extracting(ImageReference::toString)
                .containsExactly("docker.io/library/maven:3.9", "docker.io/library/eclipse-temurin:21-jre");
    }

    @Test
    void shouldMarkAnUnresolvedBase() {
        BuildFileAnalysis analysis = analyzer.analyze(BuildFileKind.DOCKERFILE, "FROM $NOPE\n", Map.of(),
                Optional.empty());

        assertThat(analysis.stages()).singleElement()
                .satisfies(s -> assertThat(s.base()).isInstanceOf(StageBase.Unresolved.class));
        assertThat(analysis.runtimeDependency()).isEmpty();
    }

    @Test
    void shouldNameTheViaOfEachDependency() {
        BuildFileAnalysis analysis = analyzer.analyze(BuildFileKind.DOCKERFILE, """
                FROM alpine:3.20 AS build
                COPY --from=busybox:1.36 /bin/busybox /busybox
                RUN --mount=from=ghcr.io/acme/tools:1,target=/tools /tools/run
                FROM nginx:1.27
                """, Map.of(), Optional.empty());

        assertThat(analysis.dependencies()).extracting(Dependency::via, Dependency::line)
                .containsExactly(
                        tuple(Dependency.Via.FROM, 1),
                        tuple(Dependency.Via.COPY_FROM, 2),
                        tuple(Dependency.Via.RUN_MOUNT, 3),
                        tuple(Dependency.Via.FROM, 4));
    }
}
