package dev.drydock.image;

import dev.drydock.image.InvalidReferenceException.Part;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:<64 hex>}. sha256, sha384 and sha512 are accepted, with
 * lower-case hex: the algorithms go-digest (and so Distribution) registers; the OCI image spec names
 * sha256 and sha512.
 */
public final class Digest {

    public static final String SHA256 = "sha256";
    public static final String SHA384 = "sha384";
    public static final String SHA512 = "sha512";

    private static final Map<String, Integer> HEX_LENGTHS = Map.of(SHA256, 64, SHA384, 96, SHA512, 128);
    private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
    private static final Pattern LOWER_HEX = Pattern.compile("[0-9a-f]*");
    private static final Pattern ANY_HEX = Pattern.compile("[0-9a-fA-F]*");

    private final String algorithm;
    private final String hex;

    private Digest(String algorithm, String hex) {
        this.algorithm = algorithm;
        this.hex = hex;
    }

    /** Parses {@code algorithm:hex}; throws {@link InvalidReferenceException} with part DIGEST. */
    public static Digest parse(String s) {
        Objects.requireNonNull(s, "digest");
        return parse(s, s);
    }

    /** Parses a digest found inside {@code input}, so that errors report the whole reference. */
    static Digest parse(String s, String input) {
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw invalid(input, "digest must be <algorithm>:<hex>");
        }
        String algorithm = s.substring(0, colon);
        String hex = s.substring(colon + 1);
        if (!ALGORITHM.matcher(algorithm).matches()) {
            throw invalid(input, "digest algorithm \"" + algorithm + "\" is malformed");
        }
        Integer length = HEX_LENGTHS.get(algorithm);
        if (length == null) {
            throw invalid(input, "unsupported digest algorithm \"" + algorithm + "\", expected sha256, sha384 or sha512");
        }
        if (!LOWER_HEX.matcher(hex).matches()) {
            throw invalid(input, ANY_HEX.matcher(hex).matches()
                    ? "digest hex must be lower-case"
                    : "digest must contain only hex characters after \"" + algorithm + ":\"");
        }
        if (hex.length() != length) {
            throw invalid(input, algorithm + " digest must have " + length + " hex characters, got " + hex.length());
        }
        return new Digest(algorithm, hex);
    }

    public static Digest sha256Of(byte[] content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
            return new Digest(SHA256, HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    private static InvalidReferenceException invalid(String input, String reason) {
        return new InvalidReferenceException(input, Part.DIGEST, reason);
    }

    public String algorithm() {
        return algorithm;
    }

    public String hex() {
        return hex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest other && algorithm.equals(other.algorithm) && hex.equals(other.hex);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, hex);
    }

    /** {@code sha256:<hex>}, the form registries accept in URLs and headers. */
    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
