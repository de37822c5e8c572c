package dev.drydock.cache.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.drydock.cache.rewrite.RewritePlan.Rewrite;
import dev.drydock.graph.buildfile.BuildFileKind;
import dev.drydock.graph.buildfile.ReferenceSite;
import dev.drydock.graph.buildfile.ReferenceSites;
import dev.drydock.image.ImageReference;
import dev.drydock.registry.RegistryClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text a rewrite writes: only the references change, every other byte stays; and its unified diff. */
class RewritePlanTest {

    static final RegistryClient CLIENT = RegistryClient.builder().build();
    static final String DIGEST = "sha256:" + "a".repeat(64);

    /** Every site rewritten to {@code registry.local/cache/<repository>} at the same tag, verified with DIGEST. */
    private static RewritePlan rewriteAll(String content, boolean pin) {
        List<ReferenceSite> sites = ReferenceSites.find(BuildFileKind.DOCKERFILE, content, Map.of());
        List<Rewrite> rewrites = sites.stream().filter(s -> s.span().isPresent()).map(s -> new Rewrite(s,
                Verdict.verified(new PrivateCopy(ImageReference.parse("registry.local/cache/"
                        + s.reference().repository() + ":" + s.reference().tagOrLatest()), "rule", null, CLIENT),
                        DIGEST))).toList();
        return RewritePlan.of(content, rewrites, pin, "FROM");
    }

    @Test
    void shouldChangeOnlyTheReferencesAndKeepCommentsContinuationsAndStageNames() {
        String content = "# syntax=docker/dockerfile:1\r\n"
                + "# the web server\r\n"
                + "ARG BASE=nginx:1.27\r\n"
                + "FROM --platform=$BUILDPLATFORM \\\r\n"
                + "    golang:1.22   AS   build\r\n"
                + "FROM ${BASE}\r\n"
                + "COPY --from=build /out /app\r\n"
                + "COPY --chmod=755 --from=busybox /bin/busybox /bin/\r\n"
                + "CMD [\"nginx\"]";
        RewritePlan plan = rewriteAll(content, false);

        assertThat(plan.after()).isEqualTo("# syntax=docker/dockerfile:1\r\n"
                + "# the web server\r\n"
                + "ARG BASE=registry.local/cache/library/nginx:1.27\r\n"
                + "FROM --platform=$BUILDPLATFORM \\\r\n"
                + "    registry.local/cache/library/golang:1.22   AS   build\r\n"
                + "FROM ${BASE}\r\n"
                + "COPY --from=build /out /app\r\n"
                + "COPY --chmod=755 --from=registry.local/cache/library/busybox:latest /bin/busybox /bin/\r\n"
                + "CMD [\"nginx\"]");
        assertThat(plan.changes()).extracting(RewriteResult.Change::line, RewriteResult.Change::instruction,
                RewriteResult.Change::oldReference).containsExactly(
                        tuple(3, "ARG", "nginx:1.27"),
                        tuple(5, "FROM", "golang:1.22"),
                        tuple(8, "COPY --from", "busybox"));
        assertThat(plan.changes().get(0).usedOn()).containsExactly(6);
        assertThat(plan.changes().get(0).argument()).isEqualTo("BASE");
    }

    @Test
    void shouldPinTheVerifiedDigestAfterTheTag() {
        RewritePlan plan = rewriteAll("FROM nginx:1.27\n", true);

        assertThat(plan.after()).isEqualTo("FROM registry.local/cache/library/nginx:1.27@" + DIGEST + "\n");
        assertThat(plan.changes().get(0).digest()).isEqualTo(DIGEST);
    }

    @Test
    void shouldKeepTheDigestOfAPinnedReferenceWithoutPinDigests() {
        RewritePlan plan = rewriteAll("FROM nginx:1.27@" + DIGEST + "\n", false);

        assertThat(plan.after()).isEqualTo("FROM registry.local/cache/library/nginx:1.27@" + DIGEST + "\n");
    }

    @Test
    void shouldWriteOneChangeForAnArgThatTwoStagesUse() {
        RewritePlan plan = rewriteAll("ARG BASE=alpine:3.20\nFROM ${BASE} AS a\nFROM $BASE\n", false);

        assertThat(plan.after()).isEqualTo("ARG BASE=registry.local/cache/library/alpine:3.20\nFROM ${BASE} AS a\nFROM $BASE\n");
        assertThat(plan.changes()).hasSize(1);
        assertThat(plan.changes().get(0).usedOn()).containsExactly(2, 3);
    }

    @Test
    void shouldWriteAUnifiedDiffWithGitsHeaders() {
        String before = "FROM nginx:1.27\nRUN a\nRUN b\nRUN c\nRUN d\nRUN e\n";
        String after = before.replace("nginx:1.27", "r/cache/nginx:1.27");

        assertThat(UnifiedDiff.of("web/Dockerfile", before, after)).isEqualTo("""
                --- a/web/Dockerfile
                +++ b/web/Dockerfile
                @@ -1,4 +1,4 @@
                -FROM nginx:1.27
                +FROM r/cache/nginx:1.27
                 RUN a
                 RUN b
                 RUN c
                """);
        assertThat(UnifiedDiff.of("Dockerfile", before, before)).isEmpty();
        assertThat(UnifiedDiff.of("Dockerfile", "FROM a", "FROM b")).endsWith("+FROM b\n\\ No newline at end of file\n");
    }
}
