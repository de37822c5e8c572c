package dev.drydock.security;

import dev.drydock.problem.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The REST API wants {@code Authorization: Bearer <token>}: a read token for GET, the admin token for the rest.
 * Webhooks prove themselves with their own secrets and are not covered here.
 */
public class ApiTokenFilter {

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    ApiTokens tokens;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> authorize(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") || path.startsWith("/api/v1/webhooks/")) {
            return Optional.empty();
        }
        if (!tokens.configured()) {
            return deny(401, "Unauthorized", "the API is disabled until an admin token is configured (DRYDOCK_API_TOKEN)");
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        Optional<ApiRole> role = tokens.roleOf(token);
        if (role.isEmpty()) {
            return deny(401, "Unauthorized", token == null ? "an API token is required: Authorization: Bearer <token>"
                    : "the API token is not valid");
        }
        if (role.get() == ApiRole.READ && !READ_METHODS.contains(request.getMethod())) {
            return deny(403, "Forbidden", "a read-only token cannot " + request.getMethod() + " " + path);
        }
        return Optional.empty();
    }

    private static Optional<Response> deny(int status, String title, String detail) {
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title, detail, null));
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"drydock\"");
        }
        return Optional.of(response.build());
    }
}
