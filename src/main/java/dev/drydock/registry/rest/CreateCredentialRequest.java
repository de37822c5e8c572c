package dev.drydock.registry.rest;

/** Body of {@code POST /api/v1/credentials}; {@link #toString()} never shows the password. */
public record CreateCredentialRequest(String name, String registry, String username, String password) {

    @Override
    public String toString() {
        return "CreateCredentialRequest[name=" + name + ", registry=" + registry + ", username=" + username
                + ", password=<redacted>]";
    }
}
