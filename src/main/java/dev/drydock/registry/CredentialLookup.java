package dev.drydock.registry;

import java.util.Optional;

/**
 * Finds the credential to use for a registry, keyed by the registry as written in image references
 * ({@code docker.io}, {@code ghcr.io}, {@code 127.0.0.1:5000}). Empty means anonymous.
 */
@FunctionalInterface
public interface CredentialLookup {

    Optional<RegistryCredential> forRegistry(String registry);

    static CredentialLookup anonymous() {
        return registry -> Optional.empty();
    }
}
