package dev.drydock.registry;

import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;

/** Registry names as keys: the form image references use, so that config and credentials match them. */
public final class RegistryHosts {

    // Two components, so that Docker Hub does not add "library/".
    private static final String PROBE = "drydock/probe";

    private RegistryHosts() {
    }

    /**
     * {@code host[:port]} as in references: lower-cased, {@code index.docker.io} and
     * {@code registry-1.docker.io} as {@code docker.io}. Throws {@link IllegalArgumentException} for
     * anything that is not a registry host (a bare word like {@code myhost} would be a Docker Hub path).
     */
    public static String normalise(String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("registry must not be empty");
        }
        String h = host.trim();
        if (h.equals(ImageReference.DOCKER_HUB)) {
            return h;
        }
        try {
            ImageReference ref = ImageReference.parse(h + "/" + PROBE);
            if (!ref.repository().equals(PROBE)) {
                throw new IllegalArgumentException("\"" + host + "\" is not a registry host: a host needs a dot "
                        + "or a port, or must be localhost (e.g. ghcr.io, registry.local:5000)");
            }
            return ref.registry();
        } catch (InvalidReferenceException e) {
            throw new IllegalArgumentException("\"" + host + "\" is not a registry host[:port]: " + e.reason(), e);
        }
    }
}
