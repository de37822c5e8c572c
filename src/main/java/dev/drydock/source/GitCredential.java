package dev.drydock.source;

import java.util.Objects;

/** A username and a password or access token for an http(s) git server; {@link #toString()} hides the password. */
public record GitCredential(String username, String password) {

    public GitCredential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "GitCredential[username=" + username + ", password=<redacted>]";
    }
}
