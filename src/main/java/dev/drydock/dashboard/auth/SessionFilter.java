package dev.drydock.dashboard.auth;

import dev.drydock.dashboard.web.Chrome;
import dev.drydock.dashboard.web.Templates;
import dev.drydock.security.ApiRole;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Guards every {@link SignedIn} resource with the API's token rules, through the session the cookie names: without a
 * live one a page redirects to {@code /login} (a script's fetch or the event stream gets 401); a read token may
 * view; only the admin token may post. Posts from another origin are refused.
 */
public class SessionFilter {

    /** Set by the dashboard's scripts on the requests they make, so that they get 401 rather than a login page. */
    public static final String SCRIPT_HEADER = "X-Drydock-Fragment";

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD");

    @Inject
    Sessions sessions;

    @Inject
    Viewer viewer;

    @ServerRequestFilter
    public Optional<Response> authorize(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null
                || !resource.getResourceClass().isAnnotationPresent(SignedIn.class)) {
            return Optional.empty();
        }
        boolean write = !READ_METHODS.contains(request.getMethod());
        if (write && !Origins.sameOrigin(request)) {
            return Optional.of(refuse(403, "Forbidden", "This form was sent from another site."));
        }
        Optional<ApiRole> role = sessions.roleOf(SessionCookie.sessionId(request));
        if (role.isEmpty()) {
            return Optional.of(signInFirst(request));
        }
        viewer.signIn(role.get());
        if (write && role.get() != ApiRole.ADMIN) {
            return Optional.of(refuse(403, "Forbidden",
                    "You signed in with a read-only token: you may look, but only the admin token may press buttons."));
        }
        return Optional.empty();
    }

    private static Response signInFirst(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (request.getHeaderString(SCRIPT_HEADER) != null || (accept != null && accept.contains("text/event-stream"))) {
            return Response.status(401).type(MediaType.TEXT_PLAIN_TYPE).entity("sign in at /login").build();
        }
        String path = request.getUriInfo().getRequestUri().getRawPath();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        String next = READ_METHODS.contains(request.getMethod()) ? path + (query == null ? "" : "?" + query) : "/";
        return Response.seeOther(URI.create("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8))).build();
    }

    private Response refuse(int status, String title, String detail) {
        String page = Templates.error(Chrome.of(viewer, title, null), status, title, detail).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page).build();
    }
}
