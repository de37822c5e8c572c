package dev.drydock.access.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /api/v1/registry}. */
public record RegistrySettingPatch(
        @Schema(description = "Turn anonymous pull on or off", required = true) Boolean anonymousPullEnabled) {}
