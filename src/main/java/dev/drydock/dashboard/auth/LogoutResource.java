package dev.drydock.dashboard.auth;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Signing out: the session is closed on the server (a copy of the cookie opens nothing any more) and the cookie
 * cleared. Open to anyone, like clearing one's own cookie; a post from another site closes nothing.
 */
@Path("/logout")
public class LogoutResource {

    @Inject
    Sessions sessions;

    @POST
    public Response signOut(@Context ContainerRequestContext request) {
        if (Origins.sameOrigin(request)) {
            sessions.close(SessionCookie.sessionId(request));
        }
        return Response.seeOther(URI.create("/login")).cookie(SessionCookie.clear(SessionCookie.secure(request))).build();
    }
}
