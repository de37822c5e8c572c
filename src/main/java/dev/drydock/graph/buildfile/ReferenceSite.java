package dev.drydock.graph.buildfile;

import dev.drydock.image.ImageReference;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a build file writes one image it pulls, so that the reference can be replaced and every other byte kept.
 *
 * @param line 1-based line of the instruction that pulls the image (the FROM, the COPY, {@code from.image})
 * @param via the instruction that pulls it
 * @param reference what the text resolves to, normalised
 * @param span where the text of the reference is; empty when it cannot be rewritten in one place
 * @param unrewritable why there is no span (built from several parts, set by the task's args, …); empty with a span
 */
public record ReferenceSite(int line, Dependency.Via via, ImageReference reference, Optional<Span> span,
        Optional<String> unrewritable) {

    /**
     * A range of the build file's text: {@code [start, end)} in characters of the content as given.
     *
     * @param line 1-based line the range is on: the ARG's line when the text is an ARG's default
     * @param argument the ARG whose default the range is ({@code FROM ${BASE}} → {@code BASE}); empty when the range
     *     is on the instruction itself
     */
    public record Span(int start, int end, int line, Optional<String> argument) {

        public Span {
            Objects.requireNonNull(argument, "argument");
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("a span is a non-empty range, got [" + start + ", " + end + ")");
            }
        }

        /** The text of the range in {@code content}. */
        public String text(String content) {
            return content.substring(start, end);
        }
    }

    public ReferenceSite {
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(unrewritable, "unrewritable");
        if (span.isPresent() == unrewritable.isPresent()) {
            throw new IllegalArgumentException("a site has a span or a reason it has none, not both");
        }
    }

    static ReferenceSite at(int line, Dependency.Via via, ImageReference reference, Span span) {
        return new ReferenceSite(line, via, reference, Optional.of(span), Optional.empty());
    }

    static ReferenceSite unrewritable(int line, Dependency.Via via, ImageReference reference, String why) {
        return new ReferenceSite(line, via, reference, Optional.empty(), Optional.of(why));
    }
}
