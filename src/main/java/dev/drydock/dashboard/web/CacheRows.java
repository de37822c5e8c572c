package dev.drydock.dashboard.web;

import dev.drydock.cache.CacheOverview;
import dev.drydock.cache.CacheRule;
import dev.drydock.cache.SyncTags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns cache rules and their cached tags into the Cache pages' rows. */
final class CacheRows {

    private CacheRows() {}

    static CacheRuleRow row(CacheRule rule, Instant now) {
        CacheRule.Stats stats = rule.stats();
        return new CacheRuleRow(rule.name(), "/cache/" + rule.name(), rule.source(), rule.target(), rule.wildcard(),
                rule.credentialSet(), refresh(rule.refresh()), rule.refresh().toString(), stats.hits(), stats.misses(),
                hitRatio(stats.hits(), stats.misses()), Times.of(stats.lastCheck(), now), stats.lastError(),
                Times.of(stats.lastErrorAt(), now));
    }

    static CachedTagRow tag(CacheOverview.CachedTag tag, Instant now) {
        return new CachedTagRow(tag.repository(), tag.tag(), tag.digest(), Names.digest(tag.digest()),
                Times.of(tag.checkedAt(), now), Times.of(tag.importedAt(), now));
    }

    /** "include ^1\.2", "semver >=1.25 <2": the parts of a tag sync that are set. */
    static List<String> sync(SyncTags sync) {
        List<String> parts = new ArrayList<>();
        if (sync != null) {
            add(parts, "include", sync.include());
            add(parts, "exclude", sync.exclude());
            add(parts, "semver", sync.semver());
        }
        return parts;
    }

    private static void add(List<String> parts, String label, String value) {
        if (value != null && !value.isEmpty()) {
            parts.add(label + " " + value);
        }
    }

    /** Hits among all counted pulls, rounded down (so that "100%" means no miss at all); null before any pull. */
    static String hitRatio(long hits, long misses) {
        long total = hits + misses;
        return total <= 0 ? null : hits * 100 / total + "%";
    }

    /** "5 min", "1 min 30 s", "7 d": every non-zero unit. */
    static String refresh(Duration d) {
        long s = d.getSeconds();
        List<String> parts = new ArrayList<>();
        long[] sizes = {86_400, 3600, 60, 1};
        String[] units = {"d", "h", "min", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (s >= sizes[i]) {
                parts.add(s / sizes[i] + " " + units[i]);
                s %= sizes[i];
            }
        }
        return parts.isEmpty() ? "0 s" : String.join(" ", parts);
    }
}
