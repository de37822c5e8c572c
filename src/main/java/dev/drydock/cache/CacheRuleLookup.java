package dev.drydock.cache;

import java.util.Optional;

/**
 * The cache rules as the rest of drydock asks about them: which private repository caches an upstream repository.
 * Exact rules win over wildcard rules ({@code docker.io/library/*} → {@code cache/library/*}).
 */
public interface CacheRuleLookup {

    /** A rule's answer for one upstream repository. */
    record CachedRepository(String rule, String upstreamRepository, String privateRepository) {}

    /**
     * The private repository (a path in the private registry, e.g. {@code cache/nginx}) that caches the normalised
     * upstream repository {@code upstreamRepository} (e.g. {@code docker.io/library/nginx}); empty when no rule
     * covers it.
     */
    Optional<CachedRepository> forUpstream(String upstreamRepository);

    /** The rule that fills the private repository {@code privateRepository}, if it is a cache target. */
    Optional<CachedRepository> forPrivate(String privateRepository);
}
