package dev.drydock.access;

import java.time.Instant;
import java.util.List;

/** A named list of repositories and what may be done to them; a token has one. */
public record ScopeMap(String name, String description, List<ScopeRule> repositories, Instant created) {

    public ScopeMap {
        repositories = List.copyOf(repositories);
    }

    /** Whether any line allows {@code action} on {@code repository}. */
    public boolean allows(String repository, RepositoryAction action) {
        return repositories.stream().anyMatch(r -> r.allows(repository, action));
    }

    /** Whether any line allows {@code action} on some repository. */
    public boolean allowsAnywhere(RepositoryAction action) {
        return repositories.stream().anyMatch(r -> r.actions().contains(action));
    }
}
