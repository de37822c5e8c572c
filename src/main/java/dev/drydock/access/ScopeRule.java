package dev.drydock.access;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One line of a scope map: a repository, exact ({@code team-a/app}) or a prefix wildcard ({@code team-a/*}, every
 * repository below {@code team-a/}), and the actions allowed on it.
 */
public record ScopeRule(String repository, Set<RepositoryAction> actions) {

    /** A repository name as the distribution spec's grammar has it (lower-case path components). */
    static final Pattern NAME = Pattern.compile(
            "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    static final int MAX_LENGTH = 255;

    public ScopeRule {
        actions = Set.copyOf(EnumSet.copyOf(actions));
    }

    /** Null when {@code pattern} is an exact name or {@code prefix/*}; otherwise why not. */
    static String problemWith(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return "repository must not be empty";
        }
        String name = pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 2) : pattern;
        if (pattern.length() > MAX_LENGTH || !NAME.matcher(name).matches()) {
            return "repository must be a repository name such as team-a/app, or a prefix wildcard such as team-a/*"
                    + " (lower-case letters, digits, '.', '_', '-', components separated by '/')";
        }
        return null;
    }

    public boolean isWildcard() {
        return repository.endsWith("/*");
    }

    /** Whether this line names {@code name}: equal, or below the wildcard's prefix. */
    public boolean matches(String name) {
        if (isWildcard()) {
            String prefix = repository.substring(0, repository.length() - 1);
            return name.length() > prefix.length() && name.startsWith(prefix);
        }
        return repository.equals(name);
    }

    public boolean allows(String name, RepositoryAction action) {
        return actions.contains(action) && matches(name);
    }
}
