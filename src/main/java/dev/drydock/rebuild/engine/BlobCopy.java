package dev.drydock.rebuild.engine;

import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryResponseException;
import java.util.List;
import java.util.Optional;

/**
 * Makes one blob present in a target repository: already there, mounted within the registry, or copied. It
 * remembers which repository of a registry it last put each blob in, so when a base change fans out to many tasks
 * the new base layer is copied across registries once and mounted into every other target repository (the registry
 * still decides whether the build's credential may read the repository it is mounted from; when not, it is copied).
 */
final class BlobCopy {

    enum Outcome { PRESENT, MOUNTED, COPIED }

    private final ImageCache<String> locations = new ImageCache<>(4096);

    Outcome ensure(RegistryClient registry, ImageReference from, ImageReference target, Digest digest) {
        Outcome outcome = place(registry, from, target, digest);
        locations.put(key(target.registry(), digest), target.repository());
        return outcome;
    }

    private Outcome place(RegistryClient registry, ImageReference from, ImageReference target, Digest digest) {
        if (registry.headBlob(target, digest).isPresent()) {
            return Outcome.PRESENT;
        }
        if (from.registry().equals(target.registry()) && registry.mountBlob(target, digest, from.repository())) {
            return Outcome.MOUNTED;
        }
        Optional<String> known = locations.get(key(target.registry(), digest))
                .filter(repository -> !repository.equals(target.repository()));
        if (known.isPresent() && registry.mountBlob(target, digest, known.get())) {
            return Outcome.MOUNTED;
        }
        if (!registry.copyBlob(from, target, digest)) {
            throw new RegistryResponseException(from.registry(), from.repository(), "GET blob " + digest, 404,
                    List.of("BLOB_UNKNOWN"), "layer missing");
        }
        return Outcome.COPIED;
    }

    private static String key(String registry, Digest digest) {
        return registry + " " + digest;
    }
}
