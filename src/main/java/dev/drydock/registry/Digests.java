package dev.drydock.registry;

import dev.drydock.image.Digest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hashes content with the algorithm of the digest it must match. */
final class Digests {

    private Digests() {
    }

    static Digest of(String algorithm, byte[] content) {
        MessageDigest hasher = hasher(algorithm);
        hasher.update(content);
        return finish(algorithm, hasher);
    }

    /** A fresh hasher for {@code algorithm} (sha256, sha384 or sha512), for content that is streamed. */
    static MessageDigest hasher(String algorithm) {
        try {
            return switch (algorithm) {
                case Digest.SHA256 -> MessageDigest.getInstance("SHA-256");
                case Digest.SHA384 -> MessageDigest.getInstance("SHA-384");
                case Digest.SHA512 -> MessageDigest.getInstance("SHA-512");
                default -> throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
            };
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256, SHA-384 and SHA-512", e);
        }
    }

    /** The digest of what {@code hasher} (from {@link #hasher}) has seen. */
    static Digest finish(String algorithm, MessageDigest hasher) {
        return Digest.parse(algorithm + ":" + HexFormat.of().formatHex(hasher.digest()));
    }

    /** Throws {@link DigestMismatchException} unless {@code content} hashes to {@code expected}. */
    static void verify(String registry, String repository, String what, Digest expected, byte[] content) {
        Digest actual = of(expected.algorithm(), content);
        if (!actual.equals(expected)) {
            throw new DigestMismatchException(registry, repository, what, expected, actual);
        }
    }
}
