package dev.drydock.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version range as npm and Renovate write it, restricted to what tag filters need: comparators ({@code >=1.25},
 * {@code <2}, {@code =1.27.1}, {@code 1.27}) joined by spaces (all must hold), alternatives joined by {@code ||}.
 * Versions have one to three numeric parts and may start with {@code v}; a tag that is not such a version (or
 * carries a suffix such as {@code -alpine}) matches no range.
 */
public final class SemverRange {

    static final int MAX_LENGTH = 200;

    private static final Pattern VERSION = Pattern.compile("v?(\\d{1,9})(?:\\.(\\d{1,9}))?(?:\\.(\\d{1,9}))?");
    private static final Pattern COMPARATOR = Pattern.compile("(>=|<=|>|<|=)?(.+)");

    private enum Op { GE, LE, GT, LT, EQ }

    private record Comparator(Op op, long[] version) {
        boolean test(long[] v) {
            int c = compare(v, version);
            return switch (op) {
                case GE -> c >= 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case LT -> c < 0;
                case EQ -> c == 0;
            };
        }
    }

    private final String text;
    private final List<List<Comparator>> alternatives;

    private SemverRange(String text, List<List<Comparator>> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    /** @throws IllegalArgumentException with a message fit for a user when {@code text} is no range */
    public static SemverRange parse(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a range such as \">=1.25 <2\" of at most " + MAX_LENGTH + " characters");
        }
        List<List<Comparator>> alternatives = new ArrayList<>();
        for (String alternative : text.split("\\|\\|")) {
            List<Comparator> all = new ArrayList<>();
            for (String part : alternative.trim().split("\\s+")) {
                if (part.isEmpty()) {
                    continue;
                }
                Matcher m = COMPARATOR.matcher(part);
                Optional<long[]> version = m.matches() ? version(m.group(2)) : Optional.empty();
                if (version.isEmpty()) {
                    throw new IllegalArgumentException("\"" + part + "\" is not a comparator such as >=1.25 or <2");
                }
                all.add(new Comparator(op(m.group(1)), version.get()));
            }
            if (all.isEmpty()) {
                throw new IllegalArgumentException("an empty alternative between ||");
            }
            alternatives.add(List.copyOf(all));
        }
        return new SemverRange(text.trim(), List.copyOf(alternatives));
    }

    /** Whether the tag is a version inside the range. */
    public boolean matches(String tag) {
        Optional<long[]> version = version(tag);
        return version.isPresent()
                && alternatives.stream().anyMatch(all -> all.stream().allMatch(c -> c.test(version.get())));
    }

    @Override
    public String toString() {
        return text;
    }

    static Optional<long[]> version(String s) {
        Matcher m = VERSION.matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new long[] {Long.parseLong(m.group(1)), part(m.group(2)), part(m.group(3))});
    }

    private static long part(String s) {
        return s == null ? 0 : Long.parseLong(s);
    }

    private static Op op(String s) {
        if (s == null) {
            return Op.EQ;
        }
        return switch (s) {
            case ">=" -> Op.GE;
            case "<=" -> Op.LE;
            case ">" -> Op.GT;
            case "<" -> Op.LT;
            default -> Op.EQ;
        };
    }

    private static int compare(long[] a, long[] b) {
        for (int i = 0; i < 3; i++) {
            int c = Long.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
