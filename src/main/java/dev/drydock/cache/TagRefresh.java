package dev.drydock.cache;

import dev.drydock.image.ImageReference;
import dev.drydock.registry.Descriptor;
import dev.drydock.registry.RegistryException;
import dev.drydock.registry.RegistryRateLimitedException;
import dev.drydock.registry.RegistryUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Brings one cached tag up to date with upstream, whoever asks: a pull through the front, the watch of the cached
 * tags tasks build FROM, or the sync of a rule's tags. A tag checked within the rule's {@code refresh} is left as it
 * is; an older one costs one upstream HEAD, and only a new digest costs an import (the old manifest stays pullable by
 * digest); a tag not cached yet is imported. One replica asks upstream once per tag at a time (a lock per tag).
 */
@ApplicationScoped
class TagRefresh {

    /** Who asks: only pulls count as the rule's hits and misses. */
    enum Purpose {
        PULL, WATCH, SYNC;

        boolean counts() {
            return this == PULL;
        }
    }

    /**
     * Whether the private registry holds the tag now, and the upstream failure when there was one; {@code throttled}:
     * upstream is rate limiting or unreachable, so asking it about other tags now is no use either.
     */
    record Refreshed(boolean cached, String error, boolean throttled) {
        static final Refreshed CURRENT = new Refreshed(true, null, false);
    }

    private static final int STRIPES = 64;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    @Inject
    CachedTags tags;

    @Inject
    CacheFill fill;

    @Inject
    UpstreamClients upstream;

    TagRefresh() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The lock of one tag or digest of a repository. */
    ReentrantLock lock(String repository, String reference) {
        return locks[Math.floorMod((repository + "@" + reference).hashCode(), STRIPES)];
    }

    /**
     * @param source the upstream repository {@code repository} caches
     * @param claimed the caller already marked the tag checked (the watch's claim across replicas): ask upstream even
     *     though the tag now looks fresh
     */
    Refreshed refresh(CacheRule rule, String source, String repository, String tag, Purpose purpose, boolean claimed) {
        Optional<CachedTags.CachedTag> cached = tags.find(repository, tag);
        if (!claimed && fresh(cached, rule)) {
            if (purpose.counts()) {
                tags.hit(rule.name());
            }
            return Refreshed.CURRENT;
        }
        ReentrantLock lock = lock(repository, tag);
        lock.lock();
        try {
            cached = tags.find(repository, tag);
            if (!claimed && fresh(cached, rule)) {
                if (purpose.counts()) {
                    tags.hit(rule.name());
                }
                return Refreshed.CURRENT;
            }
            ImageReference up = ImageReference.parse(source + ":" + tag);
            Optional<Descriptor> head;
            try {
                head = upstream.forRule(rule, up.registry()).headManifest(up);
            } catch (RegistryException e) {
                boolean throttled = e instanceof RegistryRateLimitedException || e instanceof RegistryUnavailableException;
                return failed(rule, repository, tag, cached.isPresent(), purpose, up + ": " + e.getMessage(), throttled);
            }
            if (head.isEmpty()) {
                return failed(rule, repository, tag, cached.isPresent(), purpose, up + " is not in the upstream registry",
                        false);
            }
            String digest = head.get().digest().toString();
            if (cached.isPresent() && cached.get().digest().equals(digest)) {
                tags.confirmed(rule.name(), repository, tag, purpose.counts());
                return Refreshed.CURRENT;
            }
            CacheFill.Filled filled = fill.fill(rule, up, repository, tag);
            if (!filled.ok()) {
                return failed(rule, repository, tag, cached.isPresent(), purpose, filled.error(), false);
            }
            tags.filled(rule.name(), up.toString(), repository, tag, filled.digest(), head.get().mediaType(),
                    purpose.counts());
            return Refreshed.CURRENT;
        } finally {
            lock.unlock();
        }
    }

    private Refreshed failed(CacheRule rule, String repository, String tag, boolean cached, Purpose purpose,
            String error, boolean throttled) {
        tags.failed(rule.name(), repository, cached ? tag : null, cached && purpose.counts(), error);
        return new Refreshed(cached, error, throttled);
    }

    static boolean fresh(Optional<CachedTags.CachedTag> cached, CacheRule rule) {
        return cached.isPresent() && rule.name().equals(cached.get().rule())
                && cached.get().checkedAt().plus(rule.refresh()).isAfter(Instant.now());
    }
}
