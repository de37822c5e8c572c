package dev.drydock.importer;

import java.util.List;

/**
 * What {@code POST /api/v1/imports} asks for, before validation. {@code platforms} null means every platform;
 * {@link #toString()} never shows the password.
 */
public record NewImport(String source, List<String> targets, List<String> untaggedTargetRepositories,
        String credentialSet, String username, String password, Boolean force, List<String> platforms) {

    @Override
    public String toString() {
        return "NewImport[source=" + source + ", targets=" + targets + ", untaggedTargetRepositories="
                + untaggedTargetRepositories + ", credentialSet=" + credentialSet + ", username=" + username
                + ", password=<redacted>, force=" + force + ", platforms=" + platforms + "]";
    }
}
