package dev.drydock.registry;

import java.util.Objects;

/**
 * A username and a password or access token (a Docker Hub personal access token is just the password).
 * {@link #toString()} never shows the password.
 */
public record RegistryCredential(String username, String password) {

    public RegistryCredential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "RegistryCredential[username=" + username + ", password=<redacted>]";
    }
}
