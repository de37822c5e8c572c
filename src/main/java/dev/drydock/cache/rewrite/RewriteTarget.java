package dev.drydock.cache.rewrite;

import dev.drydock.problem.ProblemException;
import java.util.Arrays;
import java.util.Locale;

/** Which private copies a rewrite points references at: the cache rules', the imports', or both (rules first). */
public enum RewriteTarget {
    CACHE, IMPORTS, BOTH;

    /** {@code cache}, {@code imports} or {@code both}; anything else is a 400 naming {@code to}. */
    public static RewriteTarget parse(String to) {
        if (to == null) {
            throw ProblemException.badRequest("to", "to is required: cache, imports or both");
        }
        return Arrays.stream(values()).filter(t -> t.wireName().equals(to)).findFirst()
                .orElseThrow(() -> ProblemException.badRequest("to", "to must be cache, imports or both"));
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean cache() {
        return this != IMPORTS;
    }

    boolean imports() {
        return this != CACHE;
    }
}
