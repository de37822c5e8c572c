package dev.drydock.build.engine;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Include and exclude globs of a COPY, matched against paths relative to its source directory: {@code *}
 * and {@code ?} stay within one path segment, {@code **} crosses them, a leading {@code **}{@code /} also
 * matches at the top and a trailing {@code /} matches the directory and everything below.
 */
final class Globs {

    private final List<PathMatcher> matchers;

    private Globs(List<PathMatcher> matchers) {
        this.matchers = matchers;
    }

    static Globs of(List<String> patterns) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String written : patterns) {
            String pattern = written.startsWith("./") ? written.substring(2) : written;
            List<String> variants = pattern.endsWith("/") && pattern.length() > 1
                    ? List.of(pattern.substring(0, pattern.length() - 1), pattern + "**")
                    : List.of(pattern);
            for (String variant : variants) {
                matchers.add(matcher(variant));
                if (variant.startsWith("**/")) {
                    matchers.add(matcher(variant.substring(3)));
                }
            }
        }
        return new Globs(matchers);
    }

    private static PathMatcher matcher(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }

    boolean isEmpty() {
        return matchers.isEmpty();
    }

    /** Whether {@code relative} ({@code a/b/c}) itself matches. */
    boolean matches(String relative) {
        Path path = Path.of(relative);
        return matchers.stream().anyMatch(m -> m.matches(path));
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
