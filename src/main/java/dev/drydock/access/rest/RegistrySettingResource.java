package dev.drydock.access.rest;

import dev.drydock.access.AccessConfig;
import dev.drydock.access.AnonymousPull;
import dev.drydock.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The private registry's own settings: anonymous pull. */
@Path("/api/v1/registry")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Registry", description = "The private registry's settings, scope maps and repository-scoped tokens")
public class RegistrySettingResource {

    @Inject
    AnonymousPull anonymousPull;

    @Inject
    AccessConfig config;

    @GET
    @Operation(operationId = "getRegistry", summary = "The private registry's settings",
            description = "anonymousPullEnabled is off by default; warnings say when it makes tokens' read limits moot.")
    public RegistrySettingView get() {
        return RegistrySettingView.of(anonymousPull.get(), config.realm(), config.service());
    }

    @PATCH
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @Operation(operationId = "patchRegistry", summary = "Turn anonymous pull on or off",
            description = "Applies to the next registry request, even for clients that hold a token. Turning it on "
                    + "while repository-scoped tokens exist answers with a warning.")
    @RequestBody(required = true, content = @Content(mediaType = "application/merge-patch+json",
            schema = @Schema(implementation = RegistrySettingPatch.class),
            examples = @ExampleObject(name = "open", value = "{\"anonymousPullEnabled\": true}")))
    public RegistrySettingView patch(RegistrySettingPatch patch) {
        if (patch == null || patch.anonymousPullEnabled() == null) {
            throw ProblemException.badRequest("anonymousPullEnabled", "anonymousPullEnabled must be true or false");
        }
        return RegistrySettingView.of(anonymousPull.set(patch.anonymousPullEnabled()), config.realm(), config.service());
    }
}
