package dev.drydock.registry.credential;

/** What it takes to store a credential; {@link #toString()} never shows the password. */
public record NewCredential(String name, String registry, String username, String password) {

    @Override
    public String toString() {
        return "NewCredential[name=" + name + ", registry=" + registry + ", username=" + username
                + ", password=<redacted>]";
    }
}
