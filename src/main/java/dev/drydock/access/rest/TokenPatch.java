package dev.drydock.access.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /api/v1/tokens/{name}}: what is given changes, the rest stays. */
public record TokenPatch(
        @Schema(description = "Another scope map") String scopeMap,
        @Schema(description = "enabled or disabled", enumeration = {"enabled", "disabled"}) String status) {}
