package dev.drydock.cache.rewrite.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/tasks/{name}/rewrite}. */
public record RewriteRequest(
        @Schema(required = true, enumeration = {"cache", "imports", "both"},
                description = "Whose copies: the cache rules', the succeeded imports', or both (a rule's copy first)")
        String to,
        @Schema(description = "Append the verified digest after the tag (name:tag@sha256:…); default false")
        Boolean pinDigests,
        @Schema(description = "Answer the diff and commit nothing; default false") Boolean dryRun) {}
