package dev.drydock.dashboard.web;

import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;

/** Short forms of digests and references for display; the full value always goes in a tooltip beside it. */
public final class Names {

    /** Hex digits of a digest that pages show. */
    static final int DIGEST_CHARS = 8;

    private Names() {}

    /** {@code sha256:ab12cd34…}; null stays null. */
    public static String digest(String digest) {
        if (digest == null) {
            return null;
        }
        int colon = digest.indexOf(':');
        if (colon < 0 || digest.length() <= colon + 1 + DIGEST_CHARS) {
            return digest;
        }
        return digest.substring(0, colon + 1 + DIGEST_CHARS) + "…";
    }

    /** Docker Hub references without {@code docker.io/library/}; anything unparsable as it is. */
    public static String image(String reference) {
        if (reference == null) {
            return null;
        }
        try {
            return ImageReference.parse(reference).familiar();
        } catch (InvalidReferenceException | IllegalArgumentException e) {
            return reference;
        }
    }

    /** {@code query} with {@code key=value} added (URL-encoded) when the value is not empty. */
    static String query(String query, String key, String value) {
        if (value == null || value.isEmpty()) {
            return query;
        }
        String pair = key + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        return query.isEmpty() ? pair : query + "&" + pair;
    }
}
