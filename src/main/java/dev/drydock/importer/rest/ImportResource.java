package dev.drydock.importer.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.importer.ImportService;
import dev.drydock.importer.ImportView;
import dev.drydock.importer.NewImport;
import dev.drydock.problem.Paging;
import dev.drydock.problem.Problem;
import dev.drydock.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Import jobs: copy public content into the private registry without Docker (docs/import.md). */
@Path("/api/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports", description = "Byte-exact copies of images, indexes and OCI artifacts into the private registry")
public class ImportResource {

    @Inject
    ImportService imports;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createImport", summary = "Start an import job",
            description = "Answers 202 with the queued job; a worker copies it. Targets are repository:tag in the "
                    + "private registry (default: the source's repository and tag).")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ImportRequest.class),
            examples = @ExampleObject(name = "nginx", value = "{\"source\": \"docker.io/library/nginx:1.27\", "
                    + "\"targets\": [\"library/nginx:1.27\"], \"credentialSet\": \"dockerhub\"}")))
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportView.class)))
    @APIResponse(responseCode = "400", description = "A field is wrong",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(ImportRequest request) {
        NewImport asked = request == null ? null : new NewImport(request.source(), request.targets(),
                request.untaggedTargetRepositories(), request.credentialSet(), request.username(), request.password(),
                request.force(), platforms(request.platforms()));
        ImportView created = imports.create(asked);
        return Response.accepted(created).location(URI.create("/api/v1/imports/" + created.id())).build();
    }

    @GET
    @Operation(operationId = "listImports", summary = "List import jobs, newest first",
            description = "Pages start at 0, size at most " + Paging.MAX_SIZE + ".")
    public ImportPage list(@QueryParam("page") @DefaultValue("0") int page,
            @Parameter(description = "At most " + Paging.MAX_SIZE) @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        return new ImportPage(imports.list(page, size), page, size, imports.count());
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getImport", summary = "One import job: status, progress, digests, errors")
    public ImportView get(@PathParam("id") long id) {
        return imports.get(id);
    }

    @POST
    @Path("{id}/cancel")
    @Operation(operationId = "cancelImport", summary = "Cancel an import job",
            description = "A queued job ends at once; a running one stops between blobs. 409 when it already ended.")
    @APIResponse(responseCode = "200", description = "The job, with cancelRequested",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportView.class)))
    @APIResponse(responseCode = "409", description = "The job already ended",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ImportView cancel(@PathParam("id") long id) {
        return imports.cancel(id);
    }

    /** Null for every platform. */
    private static List<String> platforms(JsonNode node) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().equals("all"))) {
            return null;
        }
        if (!node.isArray()) {
            throw ProblemException.badRequest("platforms", "platforms must be \"all\" or a list such as [\"linux/amd64\"]");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode p : node) {
            if (!p.isTextual()) {
                throw ProblemException.badRequest("platforms", "each platform must be a string such as linux/amd64");
            }
            out.add(p.asText());
        }
        return out;
    }
}
