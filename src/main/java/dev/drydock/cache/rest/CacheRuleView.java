package dev.drydock.cache.rest;

import dev.drydock.cache.CacheRule;
import dev.drydock.cache.SyncTags;
import java.time.Instant;

/**
 * A rule as the API shows it, with what it did: pulls served from the cache ({@code hits}), pulls that fetched
 * upstream ({@code misses}), the last upstream check and the last upstream error.
 */
public record CacheRuleView(String name, String source, String target, String credentialSet, String refresh,
        SyncTags syncTags, long hits, long misses, Instant lastCheck, String lastError, Instant lastErrorAt,
        Instant created, Instant updated) {

    static CacheRuleView of(CacheRule r) {
        CacheRule.Stats s = r.stats();
        return new CacheRuleView(r.name(), r.source(), r.target(), r.credentialSet(), r.refresh().toString(),
                r.syncTags(), s.hits(), s.misses(), s.lastCheck(), s.lastError(), s.lastErrorAt(), s.created(),
                s.updated());
    }
}
