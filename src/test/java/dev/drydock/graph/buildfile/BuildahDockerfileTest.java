package dev.drydock.graph.buildfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.image.ImageReference;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildahDockerfileTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private final BuildFileAnalyzer analyzer = new BuildFileAnalyzer();

    @Test
    void shouldPinEveryStageFromAndKeepStageReferencesAndOtherLines() {
        String file = """
                # syntax=docker/dockerfile:1
                ARG GO=1.22
                FROM --platform=$BUILDPLATFORM golang:${GO} AS build
                RUN go build \\
                    -o /app
                FROM build AS test
                FROM gcr.io/distroless/static
                COPY --from=build /app /app
                """;
        BuildahDockerfile rewritten = BuildahDockerfile.rewrite(file, Map.of(
                0, ImageReference.parse("golang:1.22").withDigest(dev.drydock.image.Digest.parse(DIGEST)),
                2, ImageReference.parse("gcr.io/distroless/static").withDigest(dev.drydock.image.Digest.parse(DIGEST))));

        assertThat(rewritten.text()).isEqualTo("""
                # syntax=docker/dockerfile:1
                ARG GO=1.22
                FROM --platform=$BUILDPLATFORM docker.io/library/golang@%s AS build
                RUN go build \\
                    -o /app
                FROM build AS test
                FROM gcr.io/distroless/static@%s
                COPY --from=build /app /app

                """.formatted(DIGEST, DIGEST));
        assertThat(rewritten.dockerFormat()).isFalse();
    }

    @Test
    void shouldPinCopyFromAnImage() {
        String file = "FROM busybox\nCOPY --chown=1 --from=nginx:1 /etc/nginx /etc/nginx\nCOPY --from=0 /a /b\n";
        BuildahDockerfile rewritten = BuildahDockerfile.rewrite(file, Map.of(),
                Map.of(2, ImageReference.parse("nginx:1").withDigest(dev.drydock.image.Digest.parse(DIGEST))));

        assertThat(rewritten.text()).isEqualTo("FROM busybox\nCOPY --chown=1 --from=docker.io/library/nginx@" + DIGEST
                + " /etc/nginx /etc/nginx\nCOPY --from=0 /a /b\n\n");
    }

    @Test
    void shouldCutTheStagesAfterTheTargetAndNameItForBuildah() {
        String file = "ARG V=1\nFROM busybox AS build\nRUN echo $V > /v\nFROM nginx:1\nCOPY --from=build /v /v\n";
        ImageReference busybox = ImageReference.parse("busybox:latest").withDigest(dev.drydock.image.Digest.parse(DIGEST));

        BuildahDockerfile rewritten = BuildahDockerfile.rewrite(file, Map.of(0, busybox), Map.of(), Optional.of("build"));

        assertThat(rewritten.text()).isEqualTo("ARG V=1\nFROM docker.io/library/busybox@" + DIGEST
                + " AS build\nRUN echo $V > /v\n");
        assertThat(rewritten.target()).contains("build");
    }

    @Test
    void shouldPinTheImageOfARunMountAndLeaveItsStageMountsAsWritten() {
        String file = "FROM busybox AS build\nFROM busybox\n"
                + "RUN --mount=type=bind,from=build,target=/b --mount=type=cache,target=/c,from=nginx:1 ls /b /c\n"
                + "RUN --mount=type=bind,from=nginx:1,target=/n <<EOF\nls /n\nEOF\n";
        ImageReference nginx = ImageReference.parse("nginx:1").withDigest(dev.drydock.image.Digest.parse(DIGEST));

        BuildahDockerfile rewritten = BuildahDockerfile.rewrite(file, Map.of(), Map.of(3, nginx, 4, nginx));

        assertThat(rewritten.text()).isEqualTo("FROM busybox AS build\nFROM busybox\n"
                + "RUN --mount=type=bind,from=build,target=/b --mount=type=cache,target=/c,from=docker.io/library/nginx@"
                + DIGEST + " ls /b /c\n"
                + "RUN --mount=type=bind,from=docker.io/library/nginx@" + DIGEST + ",target=/n [\"/bin/sh\", \"-c\", "
                + "\"ls /n\\n\"]\n\n");
    }

    @Test
    void shouldTurnRunHeredocsIntoTheExecFormOfTheStageShell() {
        String file = "FROM busybox\nSHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]\n"
                + "RUN --mount=type=secret,id=token <<EOF\nmkdir -p /out\necho \"built\" > /out/a\nEOF\n"
                + "RUN cat <<'A' > /out/b\n$HOME\nA\n"
                + "FROM busybox\nRUN <<-X\n\techo tab\n\tX\n";
        BuildahDockerfile rewritten = BuildahDockerfile.rewrite(file, Map.of());

        assertThat(rewritten.text()).isEqualTo("FROM busybox\nSHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]\n"
                + "RUN --mount=type=secret,id=token [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\", "
                + "\"mkdir -p /out\\necho \\\"built\\\" > /out/a\\n\"]\n"
                + "RUN [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\", \"cat <<'A' > /out/b\\n$HOME\\nA\\n\"]\n"
                + "FROM busybox\nRUN [\"/bin/sh\", \"-c\", \"echo tab\\n\"]\n\n");
        assertThat(rewritten.secretIds()).containsExactly("token");
        assertThat(rewritten.dockerFormat()).as("SHELL is kept only in the Docker format").isTrue();
    }

    @Test
    void shouldNameSecretsByIdOrTargetFileName() {
        BuildahDockerfile rewritten = BuildahDockerfile.rewrite("FROM busybox\n"
                + "RUN --mount=type=secret,target=/root/.npmrc --mount=type=cache,target=/c true\n", Map.of());
        assertThat(rewritten.secretIds()).containsExactly(".npmrc");
    }

    @Test
    void shouldChooseJibWhenItCanAndBuildahForTheRest() {
        BuildFileAnalysis jib = analyzer.analyze(BuildFileKind.DOCKERFILE, "FROM busybox\nCOPY a /a\n", Map.of(),
                Optional.empty());
        BuildFileAnalysis run = analyzer.analyze(BuildFileKind.DOCKERFILE, "FROM busybox\nRUN true\n", Map.of(),
                Optional.empty());

        assertThat(jib.engineFor(Optional.empty()).engine()).isEqualTo(Engine.JIB);
        assertThat(jib.engineFor(Optional.of(Engine.BUILDAH)).engine()).isEqualTo(Engine.BUILDAH);
        assertThat(run.engineFor(Optional.empty()).engine()).isEqualTo(Engine.BUILDAH);
        assertThatThrownBy(() -> run.engineFor(Optional.of(Engine.JIB))).isInstanceOf(EngineRefusedException.class)
                .hasMessageContaining("jib cannot build it: line 2: RUN needs a container engine");
        assertThatThrownBy(() -> jib.engineFor(Optional.of(Engine.REBASE))).isInstanceOf(EngineRefusedException.class)
                .hasMessageContaining("rebase is for rebase tasks");
    }

    @Test
    void shouldRefuseBuildahForAJibYaml() {
        BuildFileAnalysis yaml = analyzer.analyze(BuildFileKind.JIB_YAML,
                "apiVersion: jib/v1alpha1\nkind: BuildFile\nfrom:\n  image: busybox\n", Map.of(), Optional.empty());
        assertThatThrownBy(() -> yaml.engineFor(Optional.of(Engine.BUILDAH)))
                .hasMessageContaining("buildah builds Dockerfiles");
    }
}
