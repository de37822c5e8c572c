package dev.drydock.access.rest;

import dev.drydock.access.ScopeMapService;
import dev.drydock.problem.Paging;
import dev.drydock.problem.Problem;
import dev.drydock.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Scope maps: which repositories a token may do what to (ACR's {@code az acr scope-map}). */
@Path("/api/v1/scope-maps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Registry")
public class ScopeMapResource {

    @Inject
    ScopeMapService service;

    @POST
    @Operation(operationId = "createScopeMap", summary = "Create a scope map", description = "409 when the name is taken.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CreateScopeMapRequest.class),
            examples = @ExampleObject(name = "team", value = "{\"name\": \"team-a\", \"repositories\": [{\"repository\": "
                    + "\"team-a/*\", \"actions\": [\"content/read\", \"content/write\", \"metadata/read\"]}]}")))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ScopeMapView.class)))
    @APIResponse(responseCode = "409", description = "A scope map of that name exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(CreateScopeMapRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("name", "a body with name and repositories is required");
        }
        ScopeMapView created = ScopeMapView.of(service.create(request.name(), request.description(),
                ScopeMapLine.inputs(request.repositories())));
        return Response.created(URI.create("/api/v1/scope-maps/" + created.name())).entity(created).build();
    }

    @GET
    @Operation(operationId = "listScopeMaps", summary = "List scope maps by name")
    public ScopeMapPage list(@QueryParam("page") @DefaultValue("0") int page,
            @Parameter(description = "At most " + Paging.MAX_SIZE) @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        List<ScopeMapView> all = service.list().stream().map(ScopeMapView::of).toList();
        int from = (int) Math.min((long) page * size, all.size());
        return new ScopeMapPage(all.subList(from, Math.min(from + size, all.size())), page, size, all.size());
    }

    @GET
    @Path("{name}")
    @Operation(operationId = "getScopeMap", summary = "One scope map")
    public ScopeMapView get(@PathParam("name") String name) {
        return service.find(name).map(ScopeMapView::of).orElseThrow(() -> ProblemException.notFound("scope map", name));
    }

    @PATCH
    @Path("{name}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @Operation(operationId = "patchScopeMap", summary = "Change a scope map's description or repositories",
            description = "A field given replaces the old value (repositories as a whole); a field left out stays. "
                    + "Tokens using the map get the new access on their next request.")
    @RequestBody(required = true, content = @Content(mediaType = "application/merge-patch+json",
            schema = @Schema(implementation = ScopeMapPatch.class)))
    public ScopeMapView patch(@PathParam("name") String name, ScopeMapPatch patch) {
        if (patch == null) {
            throw ProblemException.badRequest("body", "a JSON object with description and/or repositories is required");
        }
        return ScopeMapView.of(service.change(name, Optional.ofNullable(patch.description()),
                Optional.ofNullable(ScopeMapLine.inputs(patch.repositories()))));
    }

    @DELETE
    @Path("{name}")
    @Operation(operationId = "deleteScopeMap", summary = "Delete a scope map", description = "409 while a token uses it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "A token uses the scope map",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("name") String name) {
        if (!service.delete(name)) {
            throw ProblemException.notFound("scope map", name);
        }
    }
}
