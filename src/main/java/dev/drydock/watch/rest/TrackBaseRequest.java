package dev.drydock.watch.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/bases}. */
public record TrackBaseRequest(
        @Schema(description = "Image reference to watch (a tag, not a digest)", examples = "eclipse-temurin:21-jre")
        String reference,
        @Schema(description = "Seconds between checks; at least the configured minimum (10 s by default)", examples = "300")
        Integer intervalSeconds,
        @Schema(description = "Name of a credential set for the base's registry")
        String credentials,
        @Schema(description = "Watch one platform of a multi-platform image, os/arch[/variant]", examples = "linux/arm64")
        String platform) {}
