package dev.drydock.cache.rewrite;

import dev.drydock.image.ImageReference;
import dev.drydock.registry.RegistryClient;
import java.util.Objects;

/**
 * A copy in the private registry of an upstream reference, before it is verified.
 *
 * @param reference the copy: the rule's target with the same tag (or digest), or the import's first target
 * @param cacheRule the rule that caches it, or null
 * @param importId the import that copied it, or null
 * @param upstream the client that asks upstream with the rule's or the import's credential set
 */
record PrivateCopy(ImageReference reference, String cacheRule, Long importId, RegistryClient upstream) {

    PrivateCopy {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(upstream, "upstream");
        if ((cacheRule == null) == (importId == null)) {
            throw new IllegalArgumentException("a copy comes from a cache rule or from an import");
        }
    }

    /** {@code cache rule nginx} or {@code import 12}. */
    String via() {
        return cacheRule != null ? "cache rule " + cacheRule : "import " + importId;
    }
}
