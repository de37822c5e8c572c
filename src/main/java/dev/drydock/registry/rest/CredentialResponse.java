package dev.drydock.registry.rest;

import dev.drydock.registry.credential.Credential;
import java.time.Instant;

/** A credential as the API shows it: never the password. */
public record CredentialResponse(String name, String registry, String username, Instant created) {

    static CredentialResponse of(Credential c) {
        return new CredentialResponse(c.name(), c.registry(), c.username(), c.created());
    }
}
