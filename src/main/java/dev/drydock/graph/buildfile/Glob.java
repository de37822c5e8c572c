package dev.drydock.graph.buildfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A shell pattern of a substitution ({@code ${VAR#glob}} and the like): {@code *}, {@code ?}, {@code [abc]},
 * {@code [a-z]}, {@code [!a]} (or {@code [^a]}) and {@code \} for a literal character.
 *
 * <p>Matched without backtracking: the pattern is a row of one-character tokens and stars, and the text is
 * read once while keeping the set of pattern positions reached (Thompson's construction). A match costs at
 * most (text length) × (pattern length + 1) steps whatever the pattern, and every step is charged to the build
 * file's {@link ExpansionBudget}, so {@code *a*a*a…b} against a long value is slow for nobody.
 *
 * <p>{@link #path} reads the same syntax as a path pattern, the way {@code java.nio} globs do (COPY sources and
 * excludes, jib.yaml includes and excludes): {@code *}, {@code ?} and {@code [..]} stay within one path segment,
 * {@code **} crosses segments, {@code {a,b}} lists alternatives. Also without backtracking.
 */
public final class Glob {

    private static final int STAR = 0;
    private static final int ANY = 1;
    private static final int CHAR = 2;
    private static final int SET = 3;
    // path patterns: a star that stays within one segment
    private static final int SEGMENT_STAR = 4;

    /** The most alternatives {@code {a,b}} groups of one path pattern may add up to. */
    public static final int MAX_ALTERNATIVES = 64;

    /** A bracket expression: single characters are ranges of one. */
    private record CharSet(boolean negated, char[] from, char[] to) {

        boolean contains(char c) {
            boolean in = false;
            for (int i = 0; i < from.length && !in; i++) {
                in = c >= from[i] && c <= to[i];
            }
            return in != negated;
        }
    }

    private final int[] kinds;
    private final char[] chars;
    private final CharSet[] sets;
    // in a path, only a ** or a literal / matches a /
    private final boolean path;

    private Glob(int[] kinds, char[] chars, CharSet[] sets, boolean path) {
        this.kinds = kinds;
        this.chars = chars;
        this.sets = sets;
        this.path = path;
    }

    static Glob compile(String pattern) {
        return compile(pattern, false);
    }

    /**
     * A path pattern: one matcher per alternative of its {@code {a,b}} groups.
     *
     * @throws IllegalArgumentException when the groups add up to more than {@link #MAX_ALTERNATIVES}
     */
    public static List<Glob> path(String pattern) {
        List<Glob> globs = new ArrayList<>();
        for (String alternative : alternatives(pattern)) {
            globs.add(compile(alternative, true));
        }
        return globs;
    }

    /** Whether all of {@code text} matches; linear in its length times the pattern's. */
    public boolean matches(CharSequence text) {
        return matchEnd(text, 0, true, null) == text.length();
    }

    private static List<String> alternatives(String pattern) {
        int open = unescaped(pattern, '{', 0);
        int close = open < 0 ? -1 : unescaped(pattern, '}', open);
        if (close < 0) {
            return List.of(pattern);
        }
        List<String> rest = alternatives(pattern.substring(close + 1));
        List<String> all = new ArrayList<>();
        for (String choice : pattern.substring(open + 1, close).split(",", -1)) {
            for (String tail : rest) {
                all.add(pattern.substring(0, open) + choice + tail);
                if (all.size() > MAX_ALTERNATIVES) {
                    throw new IllegalArgumentException("the pattern's {..} groups make more than " + MAX_ALTERNATIVES
                            + " alternatives");
                }
            }
        }
        return all;
    }

    private static int unescaped(String pattern, char wanted, int from) {
        for (int i = from; i < pattern.length(); i++) {
            if (pattern.charAt(i) == '\\') {
                i++;
            } else if (pattern.charAt(i) == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static Glob compile(String pattern, boolean path) {
        List<Integer> kinds = new ArrayList<>();
        StringBuilder chars = new StringBuilder();
        List<CharSet> sets = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            int kind = CHAR;
            CharSet set = null;
            if (c == '*') {
                boolean twice = path && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*';
                if (twice) {
                    i++;
                }
                kind = path && !twice ? SEGMENT_STAR : STAR;
                int previous = kinds.isEmpty() ? -1 : kinds.get(kinds.size() - 1);
                if (previous == STAR || previous == kind) {
                    continue;
                }
                if (previous == SEGMENT_STAR) {
                    kinds.set(kinds.size() - 1, STAR);
                    continue;
                }
            } else if (c == '?') {
                kind = ANY;
            } else if (c == '[' && pattern.indexOf(']', i + 2) > 0) {
                int close = pattern.indexOf(']', i + 2);
                set = charSet(pattern.substring(i + 1, close));
                kind = SET;
                i = close;
            } else if (c == '\\' && i + 1 < pattern.length()) {
                c = pattern.charAt(++i);
            }
            kinds.add(kind);
            chars.append(c);
            sets.add(set);
        }
        return new Glob(kinds.stream().mapToInt(Integer::intValue).toArray(), chars.toString().toCharArray(),
                sets.toArray(CharSet[]::new), path);
    }

    private static CharSet charSet(String body) {
        boolean negated = body.length() > 1 && (body.charAt(0) == '!' || body.charAt(0) == '^');
        String members = negated ? body.substring(1) : body;
        StringBuilder from = new StringBuilder();
        StringBuilder to = new StringBuilder();
        for (int i = 0; i < members.length(); i++) {
            char first = members.charAt(i);
            char last = first;
            if (i + 2 < members.length() && members.charAt(i + 1) == '-') {
                last = members.charAt(i + 2);
                i += 2;
            }
            from.append(first);
            to.append(last);
        }
        return new CharSet(negated, from.toString().toCharArray(), to.toString().toCharArray());
    }

    /** The same pattern read from its end, for matching suffixes of a reversed text. */
    Glob reversed() {
        int n = kinds.length;
        int[] k = new int[n];
        char[] c = new char[n];
        CharSet[] s = new CharSet[n];
        for (int i = 0; i < n; i++) {
            k[i] = kinds[n - 1 - i];
            c[i] = chars[n - 1 - i];
            s[i] = sets[n - 1 - i];
        }
        return new Glob(k, c, s, path);
    }

    /**
     * Where a match that starts at {@code from} in {@code text} ends: the shortest or the longest one.
     *
     * @param budget charged one step per character and pattern position; null for path matching, which is
     *     linear and bounded by the build context
     * @return the end index (exclusive), or -1 when no prefix of {@code text.substring(from)} matches
     */
    int matchEnd(CharSequence text, int from, boolean longest, ExpansionBudget budget) {
        int size = kinds.length;
        boolean[] current = new boolean[size + 1];
        boolean[] next = new boolean[size + 1];
        current[0] = true;
        close(current);
        int found = current[size] ? from : -1;
        for (int i = from; i < text.length() && (longest || found < 0); i++) {
            if (budget != null) {
                budget.matchSteps(size + 1);
            }
            char c = text.charAt(i);
            Arrays.fill(next, false);
            boolean alive = false;
            for (int state = 0; state < size; state++) {
                if (!current[state]) {
                    continue;
                }
                if (kinds[state] == STAR || kinds[state] == SEGMENT_STAR && !(path && c == '/')) {
                    next[state] = true;
                    alive = true;
                } else if (accepts(state, c)) {
                    next[state + 1] = true;
                    alive = true;
                }
            }
            if (!alive) {
                break;
            }
            close(next);
            boolean[] swap = current;
            current = next;
            next = swap;
            if (current[size]) {
                found = i + 1;
            }
        }
        return found;
    }

    // A star also matches nothing: reaching it reaches the position after it.
    private void close(boolean[] states) {
        for (int state = 0; state < kinds.length; state++) {
            if (states[state] && (kinds[state] == STAR || kinds[state] == SEGMENT_STAR)) {
                states[state + 1] = true;
            }
        }
    }

    private boolean accepts(int state, char c) {
        if (path && c == '/' && kinds[state] != CHAR) {
            return false;
        }
        return switch (kinds[state]) {
            case ANY -> true;
            case CHAR -> chars[state] == c;
            case SET -> sets[state].contains(c);
            default -> false;
        };
    }
}
