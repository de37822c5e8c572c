package dev.drydock.cache.rest;

import dev.drydock.cache.CacheRuleInput;
import dev.drydock.cache.CacheRuleService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Cache rules: upstream repositories pulled through the registry front and kept fresh (docs/cache.md). */
@Path("/api/v1/cache-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cache", description = "Pull-through cache rules for upstream registries")
public class CacheRuleResource {

    @Inject
    CacheRuleService service;

    @POST
    @Operation(operationId = "createCacheRule", summary = "Create a cache rule",
            description = "409 when the name, source or target is taken, a wildcard overlaps another, or the target's "
                    + "repositories already exist in the private registry outside the cache.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CacheRuleRequest.class),
            examples = @ExampleObject(name = "nginx", value = "{\"name\": \"nginx\", \"source\": "
                    + "\"docker.io/library/nginx\", \"target\": \"cache/nginx\", \"refresh\": \"PT1M\"}")))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CacheRuleView.class)))
    @APIResponse(responseCode = "409", description = "Taken, overlapping, or the target exists outside the cache",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(CacheRuleRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("name", "a body with name, source and target is required");
        }
        CacheRuleView created = CacheRuleView.of(service.create(new CacheRuleInput(request.name(), request.source(),
                request.target(), request.credentialSet(), request.refresh(), request.syncTags())));
        return Response.created(URI.create("/api/v1/cache-rules/" + created.name())).entity(created).build();
    }

    @GET
    @Operation(operationId = "listCacheRules", summary = "List cache rules by name")
    public CacheRulePage list(@QueryParam("page") @DefaultValue("0") int page,
            @Parameter(description = "At most " + Paging.MAX_SIZE) @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        return new CacheRulePage(service.list(page, size).stream().map(CacheRuleView::of).toList(), page, size,
                service.count());
    }

    @GET
    @Path("{name}")
    @Operation(operationId = "getCacheRule", summary = "One cache rule, with its hits, misses and last upstream check")
    public CacheRuleView get(@PathParam("name") String name) {
        return service.find(name).map(CacheRuleView::of)
                .orElseThrow(() -> ProblemException.notFound("cache rule", name));
    }

    @PATCH
    @Path("{name}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @Operation(operationId = "patchCacheRule", summary = "Change a cache rule",
            description = "A field given replaces the old value; a field left out stays. credentialSet \"\" removes "
                    + "the credential set, syncTags {} the sync.")
    @RequestBody(required = true, content = @Content(mediaType = "application/merge-patch+json",
            schema = @Schema(implementation = CacheRulePatch.class)))
    public CacheRuleView patch(@PathParam("name") String name, CacheRulePatch patch) {
        if (patch == null) {
            throw ProblemException.badRequest("body", "a JSON object with the fields to change is required");
        }
        return CacheRuleView.of(service.change(name, new CacheRuleInput(null, patch.source(), patch.target(),
                patch.credentialSet(), patch.refresh(), patch.syncTags())));
    }

    @DELETE
    @Path("{name}")
    @Operation(operationId = "deleteCacheRule", summary = "Delete a cache rule",
            description = "The tags it cached stay in the private registry.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("name") String name) {
        if (!service.delete(name)) {
            throw ProblemException.notFound("cache rule", name);
        }
    }
}
