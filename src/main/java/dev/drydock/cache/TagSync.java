package dev.drydock.cache;

import dev.drydock.image.ImageReference;
import dev.drydock.registry.RegistryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The proactive sync of an exact rule with {@code syncTags}: the tags that match are imported as they appear upstream
 * and, once cached, re-checked with one HEAD per refresh like any cached tag.
 */
@ApplicationScoped
class TagSync {

    @Inject
    UpstreamClients upstream;

    @Inject
    TagRefresh refresh;

    @Inject
    CachedTags tags;

    @Inject
    CacheConfig config;

    /** What a round did: {@code more} when tags were left for the next round. */
    record Round(int asked, boolean more) {}

    /**
     * One round: the upstream tag list (every page, up to the registry client's page cap), the tags that match,
     * newest version first and at most {@code syncMaxTags} of them; each one not cached is imported and each stale
     * one costs one HEAD, at most {@code syncBatch} per round. An upstream that rate limits or is down ends the round
     * (the rule shows the error).
     */
    Round sync(CacheRule rule) {
        ImageReference repository = ImageReference.parse(rule.source());
        List<String> listed;
        try {
            listed = upstream.forRule(rule, repository.registry()).listTags(repository);
        } catch (RegistryException e) {
            tags.failed(rule.name(), rule.target(), null, false, "tag list of " + rule.source() + ": " + e.getMessage());
            return new Round(0, false);
        }
        Predicate<String> wanted = rule.syncTags().matcher();
        // A tag list is the upstream's word: what is no tag of the reference grammar is left out, not imported.
        List<String> matching = listed.stream().filter(ImageReference::isTag).filter(wanted)
                .sorted(NEWEST_FIRST).limit(config.syncMaxTags()).toList();
        int asked = 0;
        for (String tag : matching) {
            if (TagRefresh.fresh(tags.find(rule.target(), tag), rule)) {
                continue;
            }
            if (asked == config.syncBatch()) {
                return new Round(asked, true);
            }
            asked++;
            if (refresh.refresh(rule, rule.source(), rule.target(), tag, TagRefresh.Purpose.SYNC, false).throttled()) {
                return new Round(asked, false);
            }
        }
        return new Round(asked, false);
    }

    /** Versions before other tags, higher versions first; then tags in reverse order ({@code 1.27} before {@code 1.26}). */
    static final Comparator<String> NEWEST_FIRST = (a, b) -> {
        Optional<long[]> va = SemverRange.version(a);
        Optional<long[]> vb = SemverRange.version(b);
        if (va.isPresent() != vb.isPresent()) {
            return va.isPresent() ? -1 : 1;
        }
        if (va.isPresent()) {
            for (int i = 0; i < Math.min(va.get().length, vb.get().length); i++) {
                int c = Long.compare(vb.get()[i], va.get()[i]);
                if (c != 0) {
                    return c;
                }
            }
        }
        return b.compareTo(a);
    };
}
