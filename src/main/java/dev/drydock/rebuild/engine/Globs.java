package dev.drydock.rebuild.engine;

import dev.drydock.graph.buildfile.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * Include and exclude globs of a COPY, matched against paths relative to its source directory: {@code *}
 * and {@code ?} stay within one path segment, {@code **} crosses them, a leading {@code **}{@code /} also
 * matches at the top and a trailing {@code /} matches the directory and everything below. Matched by
 * {@link Glob#path}, without backtracking: a pattern from a build file costs linear time on any path.
 */
final class Globs {

    private final List<Glob> matchers;

    private Globs(List<Glob> matchers) {
        this.matchers = matchers;
    }

    /** @throws IllegalArgumentException when a pattern's {@code {a,b}} groups make too many alternatives */
    static Globs of(List<String> patterns) {
        List<Glob> matchers = new ArrayList<>();
        for (String written : patterns) {
            String pattern = written.startsWith("./") ? written.substring(2) : written;
            List<String> variants = pattern.endsWith("/") && pattern.length() > 1
                    ? List.of(pattern.substring(0, pattern.length() - 1), pattern + "**")
                    : List.of(pattern);
            for (String variant : variants) {
                matchers.addAll(Glob.path(variant));
                if (variant.startsWith("**/")) {
                    matchers.addAll(Glob.path(variant.substring(3)));
                }
            }
        }
        return new Globs(matchers);
    }

    boolean isEmpty() {
        return matchers.isEmpty();
    }

    /** Whether {@code relative} ({@code a/b/c}) itself matches. */
    boolean matches(String relative) {
        return matchers.stream().anyMatch(m -> m.matches(relative));
    }

    /** Whether {@code relative} or one of the directories it is in matches: how excludes apply. */
    boolean matchesOrIsUnder(String relative) {
        int slash = -1;
        do {
            slash = relative.indexOf('/', slash + 1);
            if (matches(slash < 0 ? relative : relative.substring(0, slash))) {
                return true;
            }
        } while (slash >= 0);
        return false;
    }
}
