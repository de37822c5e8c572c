package dev.drydock.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the cache did, read-only, for people to look at (the dashboard): the rules with their counters and last
 * upstream check, and the tags each rule filled, newest import first, a page at a time and at most
 * {@link #MAX_PAGE_SIZE} per page.
 */
@ApplicationScoped
public class CacheOverview {

    public static final int MAX_PAGE_SIZE = 100;

    /** One page of rules by name; {@code total} counts every rule. */
    public record RulePage(List<CacheRule> rules, int page, int size, long total) {}

    /** A tag a rule filled: where, the digest it holds, when upstream was last asked and when it was last imported. */
    public record CachedTag(String repository, String tag, String digest, Instant checkedAt, Instant importedAt) {}

    /** One page of a rule's cached tags, newest import first; {@code total} counts all of them. */
    public record TagPage(List<CachedTag> tags, int page, int size, long total) {}

    @Inject
    CacheRuleService service;

    public RulePage rules(int page, int size) {
        int s = capped(size);
        int p = pageOf(page, s);
        return new RulePage(service.list(p, s), p, s, service.count());
    }

    public Optional<CacheRule> rule(String name) {
        return service.find(name);
    }

    /** Tags whose last fill was by {@code rule}; tags of a deleted rule belong to none. */
    @Transactional
    public TagPage tags(String rule, int page, int size) {
        int s = capped(size);
        int p = pageOf(page, s);
        List<CachedTag> tags = CachedTagEntity.<CachedTagEntity>find(
                        "rule = ?1 order by importedAt desc, key.repository, key.tag", rule)
                .page(p, s).list().stream()
                .map(e -> new CachedTag(e.key.repository(), e.key.tag(), e.digest, e.checkedAt, e.importedAt))
                .toList();
        return new TagPage(tags, p, s, CachedTagEntity.count("rule = ?1", rule));
    }

    private static int capped(int size) {
        return Math.max(1, Math.min(MAX_PAGE_SIZE, size));
    }

    /** A page past the last is empty; one whose offset would not fit an int is the last that does. */
    private static int pageOf(int page, int size) {
        return Math.max(0, Math.min(page, Integer.MAX_VALUE / size));
    }
}
