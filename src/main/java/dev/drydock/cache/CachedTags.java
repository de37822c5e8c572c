package dev.drydock.cache;

import dev.drydock.health.PrivateRegistryConfig;
import dev.drydock.image.ImageReference;
import dev.drydock.watch.BaseRecorder;
import dev.drydock.watch.UpstreamChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The cache's own state, each step one short transaction: the tags it filled with their digest and last upstream
 * check, and each rule's counters and last error. No registry call happens inside these transactions. A tag that
 * moves to a new digest is, for the watch, a base that changed: the two are written together.
 */
@ApplicationScoped
class CachedTags {

    @Inject
    BaseRecorder bases;

    @Inject
    PrivateRegistryConfig privateRegistry;

    @Inject
    HitCounts hits;

    static final int MAX_ERROR = 1000;

    /** A tag the cache holds; {@code rule} is null once the rule that filled it was deleted. */
    record CachedTag(String rule, String digest, Instant checkedAt) {}

    @Transactional
    Optional<CachedTag> find(String repository, String tag) {
        return CachedTagEntity.<CachedTagEntity>findByIdOptional(new CachedTagEntity.Key(repository, tag))
                .map(e -> new CachedTag(e.rule, e.digest, e.checkedAt));
    }

    /** A pull served from the cache, upstream not asked. */
    void hit(String rule) {
        hits.hit(rule);
    }

    /**
     * Upstream was asked and the cached digest is still current: the tag is fresh until the next refresh; for a pull,
     * a hit.
     */
    @Transactional
    void confirmed(String rule, String repository, String tag, boolean pull) {
        Instant now = now();
        CachedTagEntity.update("checkedAt = ?1, rule = ?2 where key.repository = ?3 and key.tag = ?4", now, rule,
                repository, tag);
        if (pull) {
            hits.hit(rule);
        }
        CacheRuleEntity.update("lastCheck = ?1 where name = ?2", now, rule);
    }

    /**
     * Claims a stale tag for one upstream check across replicas: marks it checked if its last check is older than
     * {@code refresh}; false when it is fresh, or another replica claimed it first.
     */
    @Transactional
    boolean claimStale(String repository, String tag, Duration refresh) {
        Instant now = now();
        return CachedTagEntity.update("checkedAt = ?1 where key.repository = ?2 and key.tag = ?3 and checkedAt <= ?4",
                now, repository, tag, now.minus(refresh)) == 1;
    }

    /**
     * Claims a rule's tag sync across replicas: when it is due, the next one is due after {@code refresh}; false when
     * it is not due, or another replica claimed it first.
     */
    @Transactional
    boolean claimSync(String rule, Duration refresh) {
        Instant now = now();
        return CacheRuleEntity.update("nextSyncAt = ?1 where name = ?2 and (nextSyncAt is null or nextSyncAt <= ?3)",
                now.plus(refresh), rule, now) == 1;
    }

    /** The rule's sync left tags for the next round: it is due again at once. */
    @Transactional
    void syncAgain(String rule) {
        CacheRuleEntity.update("nextSyncAt = null where name = ?1", rule);
    }

    /**
     * The tag now holds {@code digest}, imported from {@code upstream}: for a pull, a miss. A tracked base with the
     * tag's reference takes the digest and announces the change, naming the upstream change it copies.
     */
    @Transactional
    void filled(String rule, String upstream, String repository, String tag, String digest, String mediaType,
            boolean pull) {
        Instant now = now();
        CachedTagEntity e = CachedTagEntity.findById(new CachedTagEntity.Key(repository, tag));
        boolean fresh = e == null;
        String previous = fresh ? null : e.digest;
        if (fresh) {
            e = new CachedTagEntity();
            e.key = new CachedTagEntity.Key(repository, tag);
        }
        e.rule = rule;
        e.digest = digest;
        e.checkedAt = now;
        e.importedAt = now;
        if (fresh) {
            // Hibernate inserts the state as it is at persist: the row is complete first.
            e.persist();
        }
        CacheRuleEntity.update((pull ? "misses = misses + 1, " : "") + "lastCheck = ?1 where name = ?2", now, rule);
        if (!digest.equals(previous)) {
            String reference = ImageReference.parse(privateRegistry.host() + "/" + repository + ":" + tag).toString();
            bases.recordResync(reference, digest, mediaType, new UpstreamChange(upstream, previous, digest));
        }
    }

    /** A digest pulled that the private registry did not hold, now imported: a miss. */
    @Transactional
    void filledDigest(String rule) {
        CacheRuleEntity.update("misses = misses + 1, lastCheck = ?1 where name = ?2", now(), rule);
    }

    /**
     * Upstream failed: the rule shows the error; a cached tag counts as checked (the next attempt waits for the next
     * refresh) and, being served anyway, as a hit.
     */
    @Transactional
    void failed(String rule, String repository, String tag, boolean served, String error) {
        Instant now = now();
        String message = error == null ? "unknown error" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        if (tag != null) {
            CachedTagEntity.update("checkedAt = ?1 where key.repository = ?2 and key.tag = ?3", now, repository, tag);
        }
        CacheRuleEntity.update((served ? "hits = hits + 1, " : "")
                + "lastCheck = ?1, lastError = ?2, lastErrorAt = ?1 where name = ?3", now, message, rule);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
