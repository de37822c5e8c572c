package dev.drydock.cache.rewrite;

import dev.drydock.cache.CacheRuleLookup;
import dev.drydock.cache.CacheRules;
import dev.drydock.cache.UpstreamClients;
import dev.drydock.health.PrivateRegistryConfig;
import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;
import dev.drydock.importer.ImportClients;
import dev.drydock.importer.ImportService;
import dev.drydock.importer.ImportView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The private copies that could stand in for an upstream reference, in the order they are preferred: the cache rule
 * that covers its repository (its target, same tag or digest), then the newest succeeded import of exactly that
 * reference (its first tagged target, else its untagged repository at the copied digest).
 */
@ApplicationScoped
class PrivateCopies {

    @Inject
    CacheRules rules;

    @Inject
    UpstreamClients upstreamClients;

    @Inject
    ImportService imports;

    @Inject
    ImportClients importClients;

    @Inject
    PrivateRegistryConfig privateRegistry;

    List<PrivateCopy> of(ImageReference upstream, RewriteTarget to) {
        List<PrivateCopy> copies = new ArrayList<>();
        if (to.cache()) {
            cached(upstream).ifPresent(copies::add);
        }
        if (to.imports()) {
            imported(upstream).ifPresent(copies::add);
        }
        return copies;
    }

    /** Whether {@code reference} is in the private registry already. */
    boolean isPrivate(ImageReference reference) {
        return reference.registry().equals(ImageReference.parse(privateRegistry.host() + "/x").registry());
    }

    private Optional<PrivateCopy> cached(ImageReference upstream) {
        Optional<CacheRuleLookup.CachedRepository> covered = rules.forUpstream(upstream.name());
        if (covered.isEmpty()) {
            return Optional.empty();
        }
        ImageReference copy;
        try {
            copy = ImageReference.parse(privateRegistry.host() + "/" + covered.get().privateRepository()
                    + suffix(upstream));
        } catch (InvalidReferenceException e) {
            return Optional.empty(); // a wildcard's copy whose name is too long to exist
        }
        return rules.rule(covered.get().rule()).map(rule -> new PrivateCopy(copy, rule.name(), null,
                upstreamClients.forRule(rule, upstream.registry())));
    }

    // The tag when there is one (a tag with a digest is verified by its tag), else the digest.
    private static String suffix(ImageReference upstream) {
        return upstream.tag().isPresent() || upstream.digest().isEmpty() ? ":" + upstream.tagOrLatest()
                : "@" + upstream.digest().get();
    }

    private Optional<PrivateCopy> imported(ImageReference upstream) {
        String source = upstream.tag().isPresent() || upstream.digest().isEmpty()
                ? upstream.withoutDigest().toString() : upstream.toString();
        Optional<ImportView> job = imports.newestSucceeded(source);
        if (job.isEmpty()) {
            return Optional.empty();
        }
        ImportView found = job.get();
        Optional<ImageReference> copy;
        try {
            copy = !found.targets().isEmpty() ? Optional.of(ImageReference.parse(found.targets().get(0)))
                    : found.untaggedTargetRepositories().isEmpty() || found.targetDigest() == null ? Optional.empty()
                    : Optional.of(ImageReference.parse(found.untaggedTargetRepositories().get(0) + "@"
                            + found.targetDigest()));
        } catch (InvalidReferenceException e) {
            copy = Optional.empty();
        }
        return copy.map(c -> new PrivateCopy(c, null, found.id(),
                importClients.forSource(upstream.registry(), found.credentialSet())));
    }
}
