package dev.drydock.access.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/tokens/{name}/passwords}. */
public record PasswordRequest(
        @Schema(description = "Which of the two passwords to (re)generate", enumeration = {"password1", "password2"}) String name,
        @Schema(description = "Days until it expires; left out: never", examples = "30", nullable = true) Integer expiresInDays) {}
