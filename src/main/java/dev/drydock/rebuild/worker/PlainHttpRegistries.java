package dev.drydock.rebuild.worker;

import dev.drydock.image.ImageReference;
import dev.drydock.registry.RegistryProfile;
import dev.drydock.registry.RegistrySettingsProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Which of the registries a build talks to are configured insecure (plain HTTP). */
@ApplicationScoped
class PlainHttpRegistries {

    private final RegistrySettingsProvider settings;

    PlainHttpRegistries(RegistryProfile profile) {
        this.settings = profile.settings();
    }

    Set<String> among(Collection<ImageReference> images) {
        Set<String> hosts = new HashSet<>();
        images.forEach(image -> hosts.add(image.registry()));
        hosts.removeIf(host -> !settings.forRegistry(host).insecure());
        return hosts;
    }
}
