package dev.drydock.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A registry token from a realm's JSON answer (the distribution token spec): {@code token} or, for
 * OAuth compatibility, {@code access_token}; valid for {@code expires_in} seconds (default
 * {@value #DEFAULT_EXPIRES_IN_SECONDS}) from {@code issued_at} (default: now). The cache treats it as
 * expired a little early (a tenth of its life, at most {@link #MAX_EXPIRY_MARGIN}) to absorb clock skew
 * and request latency. {@link #toString()} never shows the token.
 */
record BearerToken(String value, Instant expiresAt) {

    static final long DEFAULT_EXPIRES_IN_SECONDS = 60;
    static final Duration MAX_EXPIRY_MARGIN = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    static BearerToken parse(byte[] json, Instant now) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("token response is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("token response is not a JSON object");
        }
        String value = text(root, "token");
        if (value == null) {
            value = text(root, "access_token");
        }
        if (value == null) {
            throw new IllegalArgumentException("token response has neither \"token\" nor \"access_token\"");
        }
        long expiresIn = root.path("expires_in").canConvertToLong() && root.path("expires_in").asLong() > 0
                ? root.path("expires_in").asLong() : DEFAULT_EXPIRES_IN_SECONDS;
        Instant issuedAt = now;
        String issued = text(root, "issued_at");
        if (issued != null) {
            try {
                Instant at = OffsetDateTime.parse(issued).toInstant();
                if (!at.isAfter(now)) {
                    issuedAt = at; // a date in the future is clock skew: count from now instead
                }
            } catch (DateTimeParseException e) {
                // keep now
            }
        }
        Duration life = Duration.ofSeconds(expiresIn);
        Duration margin = life.dividedBy(10);
        if (margin.compareTo(MAX_EXPIRY_MARGIN) > 0) {
            margin = MAX_EXPIRY_MARGIN;
        }
        return new BearerToken(value, issuedAt.plus(life).minus(margin));
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n != null && n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
    }

    boolean validAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "BearerToken[<redacted>, expiresAt=" + expiresAt + "]";
    }
}
