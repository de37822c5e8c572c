package dev.drydock.cache.rewrite;

import dev.drydock.image.ImageReference;
import dev.drydock.registry.Descriptor;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Verifies a private copy before a rewrite proposes it: one HEAD of the manifest upstream (with the rule's or the
 * import's credential set) and one of the copy in the private registry; the copy stands in only when both answer
 * the same digest. A reference pinned to a digest is verified by its tag, and its pin must be that digest too; a
 * reference by digest alone is verified by that digest.
 */
@ApplicationScoped
class CopyCheck {

    @Inject
    RegistryClient registry;

    Verdict verify(ImageReference upstream, PrivateCopy copy) {
        ImageReference asked = upstream.tag().isPresent() ? upstream.withoutDigest() : upstream;
        Optional<Descriptor> up;
        try {
            up = copy.upstream().headManifest(asked);
        } catch (RegistryException e) {
            return Verdict.skipped(copy, "upstream unreachable: " + asked + ": " + e.getMessage(), null, null);
        }
        if (up.isEmpty()) {
            return Verdict.skipped(copy, asked + " is not in the upstream registry", null, null);
        }
        String upstreamDigest = up.get().digest().toString();
        Optional<Descriptor> held;
        try {
            held = registry.headManifest(copy.reference());
        } catch (RegistryException e) {
            return Verdict.skipped(copy, "the private registry did not answer for " + copy.reference() + ": "
                    + e.getMessage(), upstreamDigest, null);
        }
        if (held.isEmpty()) {
            return Verdict.skipped(copy, "not cached yet: " + copy.reference() + " (" + copy.via() + ") is not in "
                    + "the private registry" + (copy.cacheRule() != null ? "; pull it through the registry front "
                    + "once, or import it" : ""), upstreamDigest, null);
        }
        String privateDigest = held.get().digest().toString();
        if (!privateDigest.equals(upstreamDigest)) {
            return Verdict.skipped(copy, "digest differs: upstream " + asked + " is " + upstreamDigest
                    + ", the private copy " + copy.reference() + " is " + privateDigest, upstreamDigest, privateDigest);
        }
        Optional<String> pin = upstream.digest().map(Object::toString);
        if (pin.isPresent() && !pin.get().equals(upstreamDigest)) {
            return Verdict.skipped(copy, "pinned to " + pin.get() + ", but " + asked + " is " + upstreamDigest
                    + " upstream and in the private copy; update the pin first", upstreamDigest, privateDigest);
        }
        return Verdict.verified(copy, upstreamDigest);
    }
}
