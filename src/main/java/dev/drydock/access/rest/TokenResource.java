package dev.drydock.access.rest;

import dev.drydock.access.TokenAdmin;
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

/** Repository-scoped tokens for the private registry (ACR's {@code az acr token}). */
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Registry")
public class TokenResource {

    @Inject
    TokenAdmin tokens;

    @POST
    @Operation(operationId = "createToken", summary = "Create a repository-scoped token",
            description = "It has no password until one is generated; 409 when the name is taken.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CreateTokenRequest.class),
            examples = @ExampleObject(name = "ci", value = "{\"name\": \"team-a-ci\", \"scopeMap\": \"team-a\"}")))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TokenView.class)))
    @APIResponse(responseCode = "409", description = "A token of that name exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(CreateTokenRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("name", "a body with name and scopeMap is required");
        }
        boolean enabled = request.status() == null || enabled(request.status());
        TokenView created = TokenView.of(tokens.create(request.name(), request.scopeMap(), enabled));
        return Response.created(URI.create("/api/v1/tokens/" + created.name())).entity(created).build();
    }

    @GET
    @Operation(operationId = "listTokens", summary = "List tokens by name", description = "Never with password values.")
    public TokenPage list(@QueryParam("page") @DefaultValue("0") int page,
            @Parameter(description = "At most " + Paging.MAX_SIZE) @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        List<TokenView> all = tokens.list().stream().map(TokenView::of).toList();
        int from = (int) Math.min((long) page * size, all.size());
        return new TokenPage(all.subList(from, Math.min(from + size, all.size())), page, size, all.size());
    }

    @GET
    @Path("{name}")
    @Operation(operationId = "getToken", summary = "One token, without password values")
    public TokenView get(@PathParam("name") String name) {
        return tokens.find(name).map(TokenView::of).orElseThrow(() -> ProblemException.notFound("token", name));
    }

    @PATCH
    @Path("{name}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @Operation(operationId = "patchToken", summary = "Enable, disable or re-scope a token",
            description = "Applies to the token's next registry request: a disabled token gets no new registry token "
                    + "and its current one stops working.")
    @RequestBody(required = true, content = @Content(mediaType = "application/merge-patch+json",
            schema = @Schema(implementation = TokenPatch.class),
            examples = @ExampleObject(name = "disable", value = "{\"status\": \"disabled\"}")))
    public TokenView patch(@PathParam("name") String name, TokenPatch patch) {
        if (patch == null) {
            throw ProblemException.badRequest("body", "a JSON object with status and/or scopeMap is required");
        }
        Optional<Boolean> enabled = Optional.ofNullable(patch.status()).map(TokenResource::enabled);
        return TokenView.of(tokens.change(name, Optional.ofNullable(patch.scopeMap()), enabled));
    }

    @DELETE
    @Path("{name}")
    @Operation(operationId = "deleteToken", summary = "Delete a token and its passwords")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("name") String name) {
        if (!tokens.delete(name)) {
            throw ProblemException.notFound("token", name);
        }
    }

    @POST
    @Path("{name}/passwords")
    @Operation(operationId = "generateTokenPassword", summary = "Generate password1 or password2 of a token",
            description = "Replaces that password if it existed; the value is in this answer only.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = PasswordRequest.class),
            examples = @ExampleObject(name = "30 days", value = "{\"name\": \"password1\", \"expiresInDays\": 30}")))
    @APIResponse(responseCode = "201", description = "Generated",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = NewPasswordView.class)))
    public Response password(@PathParam("name") String name, PasswordRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("name", "a body with name (password1 or password2) is required");
        }
        NewPasswordView view = NewPasswordView.of(name, tokens.generatePassword(name, request.name(), request.expiresInDays()));
        return Response.status(201).entity(view).build();
    }

    private static boolean enabled(String status) {
        return switch (status) {
            case "enabled" -> true;
            case "disabled" -> false;
            default -> throw ProblemException.badRequest("status", "status must be enabled or disabled");
        };
    }
}
