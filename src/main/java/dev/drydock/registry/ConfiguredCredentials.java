package dev.drydock.registry;

import java.util.Optional;

/**
 * A credential drydock holds by configuration instead of as a stored credential set: its own service identity
 * for the private registry ({@code dev.drydock.access}). Consulted before the stored sets, for every pull and
 * push (the registry client, Jib, buildah, rebases).
 */
public interface ConfiguredCredentials {

    Optional<RegistryCredential> forRegistry(String registry);
}
