package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;

/**
 * A cache rule as the Cache page shows it: what it caches where, how often upstream is asked at most, its counters
 * and its last upstream check and error.
 *
 * @param refresh in words ("5 min"); {@code refreshIso} as given to the API ({@code PT5M})
 * @param hitRatio hits of all counted pulls ("75%"), null before any
 */
@TemplateData
public record CacheRuleRow(String name, String href, String source, String target, boolean wildcard,
        String credentialSet, String refresh, String refreshIso, long hits, long misses, String hitRatio,
        Times lastCheck, String lastError, Times lastErrorAt) {}
