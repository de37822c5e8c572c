package dev.drydock.cache.rewrite;

import dev.drydock.cache.rewrite.RewriteResult.Change;
import dev.drydock.graph.buildfile.Dependency;
import dev.drydock.graph.buildfile.ReferenceSite;
import dev.drydock.graph.buildfile.ReferenceSite.Span;
import dev.drydock.image.ImageReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The new text of a build file, from its sites and the verified copies that stand in for them: each span replaced by
 * the copy's reference, every other character kept. Pure: no registry, no repository.
 *
 * <p>The new reference is the copy with its tag ({@code host/cache/nginx:1.27}); with {@code pinDigests}, or when the
 * reference was pinned already, the verified digest follows the tag ({@code …:1.27@sha256:…}), as Renovate's
 * {@code pinDigests} writes it. A copy known by digest only is written by digest.
 */
final class RewritePlan {

    /** A site to rewrite with its verified copy. */
    record Rewrite(ReferenceSite site, Verdict verdict) {}

    private final String content;
    private final String after;
    private final List<Change> changes;

    private RewritePlan(String content, String after, List<Change> changes) {
        this.content = content;
        this.after = after;
        this.changes = changes;
    }

    static RewritePlan of(String content, List<Rewrite> rewrites, boolean pinDigests, String instructionOfFrom) {
        Map<Span, List<Rewrite>> bySpan = new LinkedHashMap<>();
        for (Rewrite rewrite : rewrites) {
            bySpan.computeIfAbsent(rewrite.site().span().orElseThrow(), s -> new ArrayList<>()).add(rewrite);
        }
        List<Change> changes = new ArrayList<>();
        StringBuilder text = new StringBuilder(content);
        List<Span> spans = new ArrayList<>(bySpan.keySet());
        spans.sort(Comparator.comparingInt(Span::start).reversed());
        for (Span span : spans) {
            List<Rewrite> users = bySpan.get(span);
            Rewrite first = users.get(0);
            String old = span.text(content);
            String written = newReference(first.site().reference(), first.verdict(), pinDigests);
            if (old.equals(written)) {
                continue;
            }
            text.replace(span.start(), span.end(), written);
            PrivateCopy copy = first.verdict().copy();
            changes.add(new Change(span.line(), span.argument().isPresent() ? "ARG"
                    : first.site().via() == Dependency.Via.FROM ? instructionOfFrom
                    : first.site().via().text(), span.argument().orElse(null),
                    users.stream().map(u -> u.site().line()).distinct().sorted().toList(), old, written,
                    first.verdict().digest(), copy.cacheRule(), copy.importId()));
        }
        changes.sort(Comparator.comparingInt(Change::line));
        return new RewritePlan(content, text.toString(), List.copyOf(changes));
    }

    static String newReference(ImageReference upstream, Verdict verdict, boolean pinDigests) {
        ImageReference copy = verdict.copy().reference();
        if (copy.tag().isEmpty() && copy.digest().isPresent()) {
            return copy.toString();
        }
        String tagged = copy.name() + ":" + copy.tagOrLatest();
        return pinDigests || upstream.digest().isPresent() ? tagged + "@" + verdict.digest() : tagged;
    }

    String before() {
        return content;
    }

    String after() {
        return after;
    }

    List<Change> changes() {
        return changes;
    }

    boolean changesNothing() {
        return changes.isEmpty();
    }
}
