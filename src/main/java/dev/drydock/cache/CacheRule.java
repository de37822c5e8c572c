package dev.drydock.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A cache rule: the upstream repository {@code source} ({@code docker.io/library/nginx}, normalised) cached in the
 * private repository {@code target} ({@code cache/nginx}); or, as a wildcard, every repository under the source's
 * prefix ({@code docker.io/library/*}) cached under the target's ({@code cache/library/*}).
 */
public record CacheRule(String name, String source, String target, String credentialSet, Duration refresh,
        SyncTags syncTags, Stats stats) {

    /** What the rule has done: pulls served from the cache, pulls that fetched upstream, the last upstream check. */
    public record Stats(long hits, long misses, Instant lastCheck, String lastError, Instant lastErrorAt,
            Instant created, Instant updated) {}

    public static final String WILDCARD = "/*";

    public boolean wildcard() {
        return source.endsWith(WILDCARD);
    }

    /** The source without its {@code /*}. */
    String sourcePrefix() {
        return wildcard() ? source.substring(0, source.length() - WILDCARD.length()) : source;
    }

    String targetPrefix() {
        return target.endsWith(WILDCARD) ? target.substring(0, target.length() - WILDCARD.length()) : target;
    }

    /** The private repository this rule caches {@code upstream} in, if it covers it. */
    public Optional<String> privateFor(String upstream) {
        if (!wildcard()) {
            return upstream.equals(source) ? Optional.of(target) : Optional.empty();
        }
        String prefix = sourcePrefix() + "/";
        return upstream.startsWith(prefix) && upstream.length() > prefix.length()
                ? Optional.of(targetPrefix() + "/" + upstream.substring(prefix.length())) : Optional.empty();
    }

    /** The upstream repository whose copy {@code repository} is, if this rule fills it. */
    public Optional<String> upstreamFor(String repository) {
        if (!wildcard()) {
            return repository.equals(target) ? Optional.of(source) : Optional.empty();
        }
        String prefix = targetPrefix() + "/";
        return repository.startsWith(prefix) && repository.length() > prefix.length()
                ? Optional.of(sourcePrefix() + "/" + repository.substring(prefix.length())) : Optional.empty();
    }

    /** Whether two prefixes (without {@code /*}) cover a common repository: one is the other or is inside it. */
    static boolean nested(String a, String b) {
        return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
    }
}
