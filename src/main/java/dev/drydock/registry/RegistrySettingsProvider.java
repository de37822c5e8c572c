package dev.drydock.registry;

import java.util.Map;
import java.util.Objects;

/** The settings for a registry, keyed by the registry as written in image references. */
@FunctionalInterface
public interface RegistrySettingsProvider {

    RegistrySettings forRegistry(String registry);

    /** The same settings for every registry. */
    static RegistrySettingsProvider of(RegistrySettings settings) {
        Objects.requireNonNull(settings, "settings");
        return registry -> settings;
    }

    /** {@code hosts} by exact registry, {@code defaults} for the rest. */
    static RegistrySettingsProvider of(RegistrySettings defaults, Map<String, RegistrySettings> hosts) {
        Objects.requireNonNull(defaults, "defaults");
        Map<String, RegistrySettings> copy = Map.copyOf(hosts);
        return registry -> copy.getOrDefault(registry, defaults);
    }
}
