package dev.drydock.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How drydock talks to registries, as {@code drydock.registry.*} configures it: per-registry settings (plain HTTP,
 * concurrency, timeout), retries and the circuit breaker. One profile serves the watch and every build, so a
 * registry's settings apply whichever part of drydock reaches it.
 *
 * @param defaultTimeout the timeout of a registry without its own; Jib takes one timeout for every registry
 */
public record RegistryProfile(RegistrySettingsProvider settings, Duration defaultTimeout, RetryPolicy retryPolicy,
        int circuitFailureThreshold, Duration circuitCoolDown) {

    public RegistryProfile {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(circuitCoolDown, "circuitCoolDown");
    }

    /** The built-in defaults: HTTPS, {@link RegistrySettings#defaults()}, {@link RetryPolicy#defaults()}. */
    public static RegistryProfile defaults() {
        return new RegistryProfile(RegistrySettingsProvider.of(RegistrySettings.defaults()),
                RegistrySettings.DEFAULT_TIMEOUT, RetryPolicy.defaults(),
                RegistryClient.Builder.DEFAULT_CIRCUIT_FAILURE_THRESHOLD, RegistryClient.Builder.DEFAULT_CIRCUIT_COOL_DOWN);
    }

    /** The same profile, with {@code registries} reached over plain HTTP too. */
    public RegistryProfile withPlainHttp(Set<String> registries) {
        if (registries.isEmpty()) {
            return this;
        }
        Set<String> plain = Set.copyOf(registries);
        RegistrySettingsProvider base = settings;
        RegistrySettingsProvider overlaid = registry -> plain.contains(registry)
                ? base.forRegistry(registry).withInsecure(true) : base.forRegistry(registry);
        return new RegistryProfile(overlaid, defaultTimeout, retryPolicy, circuitFailureThreshold, circuitCoolDown);
    }
}
