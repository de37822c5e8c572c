package dev.drydock.cache.rest;

import dev.drydock.cache.SyncTags;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/cache-rules}. */
public record CacheRuleRequest(
        @Schema(required = true, examples = "nginx") String name,
        @Schema(required = true, description = "An upstream repository, or a namespace ending in /*",
                examples = "docker.io/library/nginx") String source,
        @Schema(required = true, description = "A repository of the private registry; ends in /* when source does",
                examples = "cache/nginx") String target,
        @Schema(description = "A credential set for the source's registry (a Docker Hub access token)") String credentialSet,
        @Schema(description = "How often a cached tag is re-checked upstream, at most: ISO-8601, PT5S to P7D, "
                + "default PT5M", examples = "PT1M") String refresh,
        SyncTags syncTags) {}
