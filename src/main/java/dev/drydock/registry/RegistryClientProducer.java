package dev.drydock.registry;

import dev.drydock.net.OutboundPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Makes the application's {@link RegistryClient} from {@link RegistryConfig} and the stored credentials. */
@ApplicationScoped
public class RegistryClientProducer {

    @Produces
    @Singleton
    RegistryClient registryClient(RegistryProfile profile, CredentialLookup credentials, OutboundPolicy outbound) {
        return RegistryClient.builder()
                .outbound(outbound)
                .profile(profile)
                .credentials(credentials)
                .build();
    }

    /** What the watch and every build use to reach registries. */
    @Produces
    @Singleton
    RegistryProfile registryProfile(RegistryConfig config) {
        return profileOf(config);
    }

    public static RegistryProfile profileOf(RegistryConfig config) {
        return new RegistryProfile(settingsOf(config), config.defaults().timeout(), retryPolicyOf(config.retry()),
                config.circuit().failureThreshold(), config.circuit().coolDown());
    }

    /** The per-registry settings that {@code config} describes. */
    public static RegistrySettingsProvider settingsOf(RegistryConfig config) {
        RegistryConfig.Defaults d = config.defaults();
        RegistrySettings defaults = new RegistrySettings(d.insecure(), d.maxConcurrentRequests(), d.timeout());
        Map<String, RegistrySettings> hosts = new HashMap<>();
        config.insecureHosts().orElse(List.of()).stream().map(String::trim).filter(h -> !h.isEmpty())
                .forEach(host -> hosts.put(normaliseHost(host), defaults.withInsecure(true)));
        config.hosts().forEach((host, h) -> hosts.put(normaliseHost(host), new RegistrySettings(
                h.insecure().orElse(hosts.getOrDefault(normaliseHost(host), defaults).insecure()),
                h.maxConcurrentRequests().orElse(defaults.maxConcurrentRequests()),
                h.timeout().orElse(defaults.timeout()))));
        return RegistrySettingsProvider.of(defaults, hosts);
    }

    /** The retry policy that {@code config} describes. */
    public static RetryPolicy retryPolicyOf(RegistryConfig.Retry retry) {
        return RetryPolicy.defaults().withMaxAttempts(retry.maxAttempts())
                .withBackoff(retry.initialBackoff(), retry.maxBackoff())
                .withMaxWait(retry.maxWait());
    }

    // index.docker.io and friends are keyed as docker.io, like references.
    private static String normaliseHost(String host) {
        try {
            return RegistryHosts.normalise(host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("drydock.registry.hosts key: " + e.getMessage(), e);
        }
    }
}
