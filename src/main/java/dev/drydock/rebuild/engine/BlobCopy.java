package dev.drydock.rebuild.engine;

import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryResponseException;
import java.util.List;

/** Makes one blob present in a target repository: already there, mounted within the registry, or copied. */
final class BlobCopy {

    enum Outcome { PRESENT, MOUNTED, COPIED }

    private BlobCopy() {
    }

    static Outcome ensure(RegistryClient registry, ImageReference from, ImageReference target, Digest digest) {
        if (registry.headBlob(target, digest).isPresent()) {
            return Outcome.PRESENT;
        }
        if (from.registry().equals(target.registry()) && registry.mountBlob(target, digest, from.repository())) {
            return Outcome.MOUNTED;
        }
        if (!registry.copyBlob(from, target, digest)) {
            throw new RegistryResponseException(from.registry(), from.repository(), "GET blob " + digest, 404,
                    List.of("BLOB_UNKNOWN"), "layer missing");
        }
        return Outcome.COPIED;
    }
}
