package dev.drydock.watch.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.problem.ProblemException;
import dev.drydock.watch.BaseService;
import java.util.Iterator;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /api/v1/bases/{id}}: a JSON merge patch (RFC 7386) of the fields a base lets you change. */
public record BasePatch(
        @Schema(description = "Seconds between checks; null: the default", examples = "600", nullable = true)
        Integer intervalSeconds,
        @Schema(description = "Name of a credential set for the base's registry; null: none", nullable = true)
        String credentials) {

    private static final Set<String> FIELDS = Set.of("intervalSeconds", "credentials");

    /** Reads the patch from the tree, so that a field left out and a field set to null stay apart. */
    static BaseService.BaseChange read(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ProblemException.badRequest("body", "a JSON merge patch object is required, e.g. {\"intervalSeconds\": 600}");
        }
        for (Iterator<String> names = patch.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ProblemException.badRequest(name, "unknown field '" + name + "'; a base's intervalSeconds and credentials can be changed");
            }
        }
        JsonNode interval = patch.get("intervalSeconds");
        if (interval != null && !interval.isNull() && !(interval.isIntegralNumber() && interval.canConvertToInt())) {
            throw ProblemException.badRequest("intervalSeconds", "intervalSeconds must be an integer or null");
        }
        JsonNode credentials = patch.get("credentials");
        if (credentials != null && !credentials.isNull() && !credentials.isTextual()) {
            throw ProblemException.badRequest("credentials", "credentials must be the name of a credential set or null");
        }
        return new BaseService.BaseChange(interval != null, interval == null || interval.isNull() ? null : interval.intValue(),
                credentials != null, credentials == null || credentials.isNull() ? null : credentials.textValue());
    }
}
