package dev.drydock.access;

import dev.drydock.health.PrivateRegistryConfig;
import dev.drydock.registry.ConfiguredCredentials;
import dev.drydock.registry.RegistryCredential;
import dev.drydock.registry.RegistryHosts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * drydock's own credential for the private registry: the service identity ({@code drydock.access.service-username}
 * and {@code service-password}), which the token service grants full access. Rebuilds push and the watch reads
 * with it, directly at the registry the private-registry host names.
 */
@ApplicationScoped
public class ServiceIdentity implements ConfiguredCredentials {

    @Inject
    AccessConfig config;

    @Inject
    PrivateRegistryConfig privateRegistry;

    @Override
    public Optional<RegistryCredential> forRegistry(String registry) {
        Optional<String> password = config.servicePassword().filter(p -> !p.isBlank());
        if (password.isEmpty() || !same(registry, privateRegistry.host())) {
            return Optional.empty();
        }
        return Optional.of(new RegistryCredential(config.serviceUsername(), password.get()));
    }

    private static boolean same(String a, String b) {
        try {
            return RegistryHosts.normalise(a).equals(RegistryHosts.normalise(b));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
