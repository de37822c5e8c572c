package dev.drydock.importer.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/imports}. {@code platforms} is {@code "all"} (the default) or a list such as
 * {@code ["linux/amd64"]}; {@link #toString()} never shows the password.
 */
public record ImportRequest(String source, List<String> targets, List<String> untaggedTargetRepositories,
        String credentialSet, String username, String password, Boolean force,
        @Schema(type = SchemaType.ARRAY, implementation = String.class, description = "Platforms to keep, e.g. "
                + "[\"linux/amd64\"] (then a new index); left out, or the string \"all\", keeps every platform and the "
                + "index digest") JsonNode platforms) {

    @Override
    public String toString() {
        return "ImportRequest[source=" + source + ", targets=" + targets + ", username=" + username
                + ", password=<redacted>]";
    }
}
