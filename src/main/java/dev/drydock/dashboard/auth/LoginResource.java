package dev.drydock.dashboard.auth;

import dev.drydock.dashboard.web.Chrome;
import dev.drydock.dashboard.web.Templates;
import dev.drydock.security.ApiRole;
import dev.drydock.security.ApiTokens;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/**
 * Signing in to the dashboard with an API token. The token is checked like the API checks it; the browser gets a
 * session id in its cookie, never the token, which is neither logged nor shown back.
 */
@Path("/login")
@Produces(MediaType.TEXT_HTML)
public class LoginResource {

    @Inject
    ApiTokens tokens;

    @Inject
    Sessions sessions;

    @Inject
    Viewer viewer;

    @GET
    public Response form(@QueryParam("next") String next, @Context ContainerRequestContext request) {
        if (sessions.roleOf(SessionCookie.sessionId(request)).isPresent()) {
            return Response.seeOther(URI.create(SafeRedirect.path(next))).build();
        }
        return Response.ok(page(next, null)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("token") String token, @FormParam("next") String next,
            @Context ContainerRequestContext request) {
        if (!Origins.sameOrigin(request)) {
            return Response.status(403).entity(page(next, "This form was sent from another site.")).build();
        }
        if (!tokens.configured()) {
            return Response.status(503).entity(page(next, null)).build();
        }
        if (token == null || token.isBlank()) {
            return Response.status(400).entity(page(next, "Enter an API token.")).build();
        }
        Optional<ApiRole> role = tokens.roleOf(token.strip());
        if (role.isEmpty()) {
            return Response.status(401).entity(page(next, "That token is not valid. Use the admin or the read-only API token.")).build();
        }
        return Response.seeOther(URI.create(SafeRedirect.path(next)))
                .cookie(SessionCookie.create(sessions.open(token.strip(), role.get()), SessionCookie.secure(request))).build();
    }

    /**
     * 204 when the browser holds a valid session. The login page asks this with a same-origin fetch: a link
     * followed from another site arrives without the SameSite=Strict cookie, and the fetch finds it again.
     */
    @GET
    @Path("session")
    @Produces(MediaType.TEXT_PLAIN)
    public Response session(@Context ContainerRequestContext request) {
        return sessions.roleOf(SessionCookie.sessionId(request)).isPresent() ? Response.noContent().build()
                : Response.status(401).build();
    }

    private TemplateInstance page(String next, String error) {
        return Templates.login(Chrome.of(viewer, "Sign in", null), SafeRedirect.path(next), error, !tokens.configured());
    }
}
