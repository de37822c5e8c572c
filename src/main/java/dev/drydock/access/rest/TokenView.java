package dev.drydock.access.rest;

import dev.drydock.access.RegistryToken;
import java.time.Instant;
import java.util.List;

/** A token as the API shows it: its passwords by name and expiry, never their values. */
public record TokenView(String name, String scopeMap, String status, Instant created, List<PasswordInfo> passwords) {

    /** One password's name and dates. */
    public record PasswordInfo(String name, Instant created, Instant expires) {}

    static TokenView of(RegistryToken token) {
        return new TokenView(token.name(), token.scopeMap(), token.enabled() ? "enabled" : "disabled", token.created(),
                token.passwords().stream().map(p -> new PasswordInfo(p.name(), p.created(), p.expires())).toList());
    }
}
