package dev.drydock.registry;

import dev.drydock.image.Digest;

/**
 * Content read from a registry does not hash to the digest it was announced or requested with
 * ({@code Docker-Content-Digest}, or the digest in the reference). Not temporary: a registry or a
 * proxy in between is serving wrong content.
 */
public class DigestMismatchException extends RegistryException {

    private static final long serialVersionUID = 1L;

    private final transient Digest expected;
    private final transient Digest actual;

    public DigestMismatchException(String registry, String repository, String what, Digest expected, Digest actual) {
        super(registry, repository, what + " from " + where(registry, repository) + " should have digest " + expected
                + " but its content hashes to " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
