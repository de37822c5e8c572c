package dev.drydock.registry.rest;

import dev.drydock.problem.Paging;
import dev.drydock.problem.Problem;
import dev.drydock.problem.ProblemException;
import dev.drydock.registry.credential.CredentialService;
import dev.drydock.registry.credential.NewCredential;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Named registry credentials. Passwords go in and are never given back. */
@Path("/api/v1/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Credentials", description = "Registry credential sets, encrypted at rest; the password is never given back")
public class CredentialResource {

    @Inject
    CredentialService service;

    @POST
    @Operation(operationId = "createCredential", summary = "Store a credential set for a registry",
            description = "Used for every pull and push to that registry (the oldest set when several name it); "
                    + "409 when the name is taken.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CreateCredentialRequest.class),
            examples = @ExampleObject(name = "mirror", value = "{\"name\": \"acme-mirror\", \"registry\": "
                    + "\"registry.acme.example:5000\", \"username\": \"ci\", \"password\": \"s3cret\"}")))
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CredentialResponse.class)))
    @APIResponse(responseCode = "409", description = "A credential set of that name exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(CreateCredentialRequest request) {
        NewCredential credential = request == null ? null
                : new NewCredential(request.name(), request.registry(), request.username(), request.password());
        CredentialResponse created = CredentialResponse.of(service.create(credential));
        return Response.created(URI.create("/api/v1/credentials/" + created.name())).entity(created).build();
    }

    @GET
    @Operation(operationId = "listCredentials", summary = "List credential sets by name",
            description = "Never with their passwords; pages start at 0, size at most " + Paging.MAX_SIZE + ".")
    public CredentialPage list(@QueryParam("page") @DefaultValue("0") int page,
            @Parameter(description = "At most " + Paging.MAX_SIZE) @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        List<CredentialResponse> all = service.list().stream().map(CredentialResponse::of).toList();
        int from = (int) Math.min((long) page * size, all.size());
        return new CredentialPage(all.subList(from, Math.min(from + size, all.size())), page, size, all.size());
    }

    @GET
    @Path("{name}")
    @Operation(operationId = "getCredential", summary = "One credential set, without its password")
    public CredentialResponse get(@PathParam("name") String name) {
        return service.find(name).map(CredentialResponse::of)
                .orElseThrow(() -> ProblemException.notFound("credential", name));
    }

    @DELETE
    @Path("{name}")
    @Operation(operationId = "deleteCredential", summary = "Remove a credential set")
    @APIResponse(responseCode = "204", description = "Removed")
    public void delete(@PathParam("name") String name) {
        if (!service.delete(name)) {
            throw ProblemException.notFound("credential", name);
        }
    }
}
