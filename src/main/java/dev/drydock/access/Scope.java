package dev.drydock.access;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One scope of the distribution token spec, {@code type:name:actions} ({@code repository:team-a/app:pull,push},
 * {@code registry:catalog:*}). The name may hold a {@code host:port}, so the type ends at the first colon and the
 * actions start after the last.
 */
public record Scope(String type, String name, List<String> actions) {

    public static final String REPOSITORY = "repository";
    public static final String REGISTRY = "registry";
    public static final String CATALOG = "catalog";

    public Scope {
        actions = List.copyOf(actions);
    }

    /** Empty for text that is not {@code type:name:actions}. */
    public static Optional<Scope> parse(String text) {
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first <= 0 || last == first || last == text.length() - 1) {
            return Optional.empty();
        }
        List<String> actions = Arrays.stream(text.substring(last + 1).split(","))
                .map(String::strip).filter(a -> !a.isEmpty()).distinct().toList();
        return Optional.of(new Scope(text.substring(0, first), text.substring(first + 1, last), actions));
    }

    /** Every scope in the values of the {@code scope} parameter, each of which may list several, space-separated. */
    public static List<Scope> parseAll(List<String> values) {
        return values.stream().flatMap(v -> Arrays.stream(v.split(" "))).filter(s -> !s.isBlank())
                .map(Scope::parse).flatMap(Optional::stream).toList();
    }

    public Scope withActions(List<String> granted) {
        return new Scope(type, name, granted);
    }

    @Override
    public String toString() {
        return type + ":" + name + ":" + String.join(",", actions);
    }
}
