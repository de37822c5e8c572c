package dev.drydock.cache.rewrite;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What {@code POST /api/v1/tasks/{name}/rewrite} answers: the references it rewrote (or would), those it left and
 * why, the unified diff of the build file, and — when it committed — the branch and the commit.
 */
public record RewriteResult(
        @Schema(description = "The task") String task,
        @Schema(description = "The build file, relative to the repository's root (inline tasks: to the files)",
                examples = "services/web/Dockerfile") String path,
        @Schema(description = "The commit the build file was read at and the branch is made on; null for inline tasks")
        String baseCommit,
        boolean dryRun,
        List<Change> changes,
        List<Skipped> skipped,
        @Schema(description = "Unified diff of the build file (--- a/<path>, +++ b/<path>); empty when nothing changes")
        String diff,
        @Schema(description = "The branch committed to, when not a dry run and something changed",
                examples = "drydock/use-private-registry") String branch,
        @Schema(description = "The commit pushed to the branch") String commit) {

    /** A reference rewritten to a verified private copy. */
    public record Change(
            @Schema(description = "1-based line whose text changes (an ARG's line for a reference given by an ARG)")
            int line,
            @Schema(description = "FROM, COPY --from, ARG or from.image (jib.yaml)") String instruction,
            @Schema(description = "The ARG whose default is rewritten; null otherwise", examples = "BASE") String argument,
            @Schema(description = "Lines of the instructions that pull the image") List<Integer> usedOn,
            @Schema(examples = "nginx:1.27") String oldReference,
            @Schema(examples = "registry.example.com/cache/nginx:1.27@sha256:…") String newReference,
            @Schema(description = "The digest upstream and the private copy both have") String digest,
            @Schema(description = "The cache rule whose copy it is; null for an import") String cacheRule,
            @Schema(description = "The import whose copy it is; null for a cache rule") Long importId) {}

    /** A reference left as it is, and why. */
    public record Skipped(
            int line,
            @Schema(description = "FROM, COPY --from or from.image") String instruction,
            @Schema(description = "The reference as it resolves, normalised") String reference,
            String reason,
            @Schema(description = "The private copy that was checked, if any") String privateReference,
            String upstreamDigest,
            String privateDigest) {}
}
