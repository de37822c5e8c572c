package dev.drydock.access;

import java.util.Map;
import java.util.Optional;

/** Everything access decisions read, as of one moment: the anonymous-pull setting, scope maps and tokens. */
record AccessSnapshot(boolean anonymousPull, Map<String, ScopeMap> scopeMaps, Map<String, RegistryToken> tokens) {

    AccessSnapshot {
        scopeMaps = Map.copyOf(scopeMaps);
        tokens = Map.copyOf(tokens);
    }

    Optional<RegistryToken> token(String name) {
        return Optional.ofNullable(tokens.get(name));
    }

    /** The scope map of an enabled token; empty for a disabled or unknown one. */
    Optional<ScopeMap> scopeOfEnabled(String token) {
        return token(token).filter(RegistryToken::enabled).map(t -> scopeMaps.get(t.scopeMap()));
    }
}
