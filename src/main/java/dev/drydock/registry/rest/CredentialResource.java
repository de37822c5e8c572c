package dev.drydock.registry.rest;

import dev.drydock.problem.ProblemException;
import dev.drydock.registry.credential.CredentialService;
import dev.drydock.registry.credential.NewCredential;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** Named registry credentials. Passwords go in and are never given back. */
@Path("/api/v1/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CredentialResource {

    @Inject
    CredentialService service;

    @POST
    public Response create(CreateCredentialRequest request) {
        NewCredential credential = request == null ? null
                : new NewCredential(request.name(), request.registry(), request.username(), request.password());
        CredentialResponse created = CredentialResponse.of(service.create(credential));
        return Response.created(URI.create("/api/v1/credentials/" + created.name())).entity(created).build();
    }

    @GET
    public List<CredentialResponse> list() {
        return service.list().stream().map(CredentialResponse::of).toList();
    }

    @GET
    @Path("{name}")
    public CredentialResponse get(@PathParam("name") String name) {
        return service.find(name).map(CredentialResponse::of)
                .orElseThrow(() -> ProblemException.notFound("credential", name));
    }

    @DELETE
    @Path("{name}")
    public void delete(@PathParam("name") String name) {
        if (!service.delete(name)) {
            throw ProblemException.notFound("credential", name);
        }
    }
}
