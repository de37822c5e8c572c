package dev.drydock.access.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/tokens}. */
public record CreateTokenRequest(
        @Schema(description = "The token's name, which is its registry username", examples = "team-a-ci") String name,
        @Schema(description = "The scope map that says what it may do", examples = "team-a") String scopeMap,
        @Schema(description = "enabled (the default) or disabled", enumeration = {"enabled", "disabled"}) String status) {}
