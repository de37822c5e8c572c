package dev.drydock.dashboard.auth;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Signing out: the session cookie is cleared. Open to anyone, like clearing one's own cookie. */
@Path("/logout")
public class LogoutResource {

    @POST
    public Response signOut(@Context ContainerRequestContext request) {
        return Response.seeOther(URI.create("/login")).cookie(SessionCookie.clear(SessionCookie.secure(request))).build();
    }
}
