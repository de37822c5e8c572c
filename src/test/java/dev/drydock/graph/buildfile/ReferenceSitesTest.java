package dev.drydock.graph.buildfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where each image reference of a build file is written: the exact characters, or why there is no one place. */
class ReferenceSitesTest {

    private static List<ReferenceSite> dockerfile(String content) {
        return ReferenceSites.find(BuildFileKind.DOCKERFILE, content, Map.of());
    }

    /** The text of each site's span, or its reason. */
    private static List<String> written(String content, List<ReferenceSite> sites) {
        return sites.stream().map(s -> s.span().map(span -> span.text(content)).orElseGet(() -> "! " + s.unrewritable().get()))
                .toList();
    }

    @Test
    void shouldFindEachFromAndCopyFromWrittenAsItIs() {
        String content = """
                # syntax=docker/dockerfile:1
                FROM --platform=linux/amd64 golang:1.22 AS build
                RUN go build ./...
                FROM nginx:1.27 AS web
                COPY --from=build /out /app
                COPY --link --from=busybox:1.36 /bin/busybox /bin/
                FROM web
                FROM scratch
                """;
        List<ReferenceSite> sites = dockerfile(content);

        assertThat(written(content, sites)).containsExactly("golang:1.22", "nginx:1.27", "busybox:1.36");
        assertThat(sites).extracting(ReferenceSite::line).containsExactly(2, 4, 6);
        assertThat(sites).extracting(s -> s.via()).containsExactly(Dependency.Via.FROM, Dependency.Via.FROM,
                Dependency.Via.COPY_FROM);
        assertThat(sites.get(1).reference().toString()).isEqualTo("docker.io/library/nginx:1.27");
        assertThat(sites.get(1).span().get().line()).isEqualTo(4);
    }

    @Test
    void shouldFindAReferenceGivenByAnArgAtTheArgsDefault() {
        String content = """
                ARG REGISTRY=ignored
                ARG BASE=nginx:1.27
                ARG TOOLS="busybox:1.36"
                FROM ${BASE}
                ARG TOOLS
                COPY --from=$TOOLS /bin/busybox /bin/
                FROM $BASE AS again
                """;
        List<ReferenceSite> sites = dockerfile(content);

        assertThat(written(content, sites)).containsExactly("nginx:1.27", "busybox:1.36", "nginx:1.27");
        assertThat(sites.get(0).span().get().line()).isEqualTo(2);
        assertThat(sites.get(0).span().get().argument()).contains("BASE");
        assertThat(sites.get(0).span()).as("two FROMs of one ARG share its default").isEqualTo(sites.get(2).span());
        assertThat(sites.get(1).span().get().line()).as("inside the quotes of the global default").isEqualTo(3);
        assertThat(sites.get(1).line()).as("the site is still the COPY's").isEqualTo(6);
    }

    @Test
    void shouldPreferTheStagesOwnDefaultForACopyFrom() {
        String content = """
                ARG TOOLS=busybox:1.35
                FROM alpine:3.20
                ARG TOOLS=busybox:1.36
                COPY --from=${TOOLS} /bin/busybox /bin/
                """;

        assertThat(written(content, dockerfile(content))).containsExactly("alpine:3.20", "busybox:1.36");
    }

    @Test
    void shouldKeepTheSpanOfTheLastGlobalDefault() {
        String content = "ARG BASE=nginx:1.26\nARG BASE=nginx:1.27\nARG BASE\nFROM ${BASE}\n";
        List<ReferenceSite> sites = dockerfile(content);

        assertThat(written(content, sites)).containsExactly("nginx:1.27");
        assertThat(sites.get(0).span().get().line()).isEqualTo(2);
    }

    @Test
    void shouldGiveTheReasonWhenThereIsNoOnePlaceToRewrite() {
        String content = """
                ARG REGISTRY=ghcr.io
                ARG TAG=1.27
                ARG COMPOSED=${REGISTRY}/app:1
                FROM ${REGISTRY}/acme/app:${TAG}
                FROM nginx:${TAG}
                FROM ${COMPOSED}
                """;
        List<String> reasons = written(content, dockerfile(content));

        assertThat(reasons).hasSize(3).allMatch(r -> r.startsWith("! "));
        assertThat(reasons.get(0)).contains("built from several parts");
        assertThat(reasons.get(2)).contains("default of ARG COMPOSED");
    }

    @Test
    void shouldLeaveAnArgTheTasksArgsSet() {
        String content = "ARG BASE=nginx:1.27\nFROM ${BASE}\n";
        List<ReferenceSite> sites = ReferenceSites.find(BuildFileKind.DOCKERFILE, content, Map.of("BASE", "nginx:1.26"));

        assertThat(sites).hasSize(1);
        assertThat(sites.get(0).reference().tag()).contains("1.26");
        assertThat(sites.get(0).unrewritable()).hasValueSatisfying(r -> assertThat(r).contains("task's args set BASE"));
    }

    @Test
    void shouldNotListArgsWithoutAValueStagesOrScratch() {
        String content = "ARG BASE\nFROM ${BASE} AS one\nFROM one\nFROM scratch\nCOPY --from=one /a /a\n";

        assertThat(dockerfile(content)).isEmpty();
    }

    @Test
    void shouldPlaceAReferenceOnAContinuedLineWithCrlfAndABom() {
        String content = "\uFEFFFROM \\\r\n  # a comment\r\n  nginx:1.27 \\\r\n  AS web\r\nCOPY \\\r\n --from=busybox:1.36 /a /b\r\n";
        List<ReferenceSite> sites = dockerfile(content);

        assertThat(written(content, sites)).containsExactly("nginx:1.27", "busybox:1.36");
        assertThat(sites.get(0).span().get().line()).isEqualTo(3);
        assertThat(sites.get(1).span().get().line()).isEqualTo(6);
    }

    @Test
    void shouldPlaceReferencesWithTheBacktickEscape() {
        String content = "# escape=`\nFROM `\n  mcr.microsoft.com/windows/nanoserver:ltsc2022\n";

        assertThat(written(content, dockerfile(content))).containsExactly("mcr.microsoft.com/windows/nanoserver:ltsc2022");
    }

    @Test
    void shouldRefuseAQuotedFlagItCannotPlace() {
        String content = "FROM alpine:3.20\nCOPY --from=\"busybox:1.36\" /a /b\n";
        List<ReferenceSite> sites = dockerfile(content);

        assertThat(sites.get(1).unrewritable()).hasValueSatisfying(r -> assertThat(r).contains("quoted"));
    }

    @Test
    void shouldFindAJibYamlsFromImageOnItsLine() {
        String content = """
                apiVersion: jib/v1alpha1
                kind: BuildFile
                from:
                  image: "eclipse-temurin:21-jre"   # the runtime
                """;
        List<ReferenceSite> sites = ReferenceSites.find(BuildFileKind.JIB_YAML, content, Map.of());

        assertThat(written(content, sites)).containsExactly("eclipse-temurin:21-jre");
        assertThat(sites.get(0).span().get().line()).isEqualTo(4);
    }

    @Test
    void shouldLeaveAJibYamlTemplate() {
        String content = "apiVersion: jib/v1alpha1\nkind: BuildFile\nfrom:\n  image: ${BASE:-nginx:1.27}\n";
        List<ReferenceSite> sites = ReferenceSites.find(BuildFileKind.JIB_YAML, content, Map.of());

        assertThat(sites).hasSize(1);
        assertThat(sites.get(0).unrewritable()).isPresent();
        assertThat(sites.get(0).span()).isEqualTo(Optional.empty());
    }

    @Test
    void shouldFailLikeTheAnalysisOnAFileThatDoesNotParse() {
        assertThatThrownBy(() -> dockerfile("FROM alpine\nFORM nginx\n")).isInstanceOf(BuildFileSyntaxException.class);
    }
}
