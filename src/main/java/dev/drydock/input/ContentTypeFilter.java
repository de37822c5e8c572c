package dev.drydock.input;

import dev.drydock.problem.Problem;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A body sent to the API without a Content-Type, with {@code *}{@code /*} or as form data (what {@code curl -d}
 * sends) is a 415 saying to send {@code application/json}: left alone, it would be read as JSON by some endpoints
 * and refused with a bare status by others. Webhooks are left out: their senders choose their own types.
 */
public class ContentTypeFilter {

    private static final String NO_TYPE = "the request has a body but no Content-Type";
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    // Pre-matching: after matching, the request reads as having the type the method consumes.
    @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 100)
    public Optional<Response> refuseBodyWithoutType(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!WITH_BODY.contains(request.getMethod()) || !path.startsWith("/api/") || path.startsWith("/api/v1/webhooks/")
                || !hasBody(request)) {
            return Optional.empty();
        }
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        String bare = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!bare.isEmpty() && !bare.equals("*/*") && !bare.equals(MediaType.APPLICATION_FORM_URLENCODED)) {
            return Optional.empty();
        }
        String detail = (bare.isEmpty() ? NO_TYPE : "the body is sent as " + bare + ", which no API endpoint reads")
                + ": send the JSON with the header Content-Type: application/json"
                + (request.getMethod().equals("PATCH") ? " (or application/merge-patch+json)" : "")
                + (bare.equals(MediaType.APPLICATION_FORM_URLENCODED) ? "; curl -d sends form data unless told -H "
                        + "'Content-Type: application/json'" : "");
        return Optional.of(Response.status(415).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(415, "Unsupported Media Type", detail, HttpHeaders.CONTENT_TYPE)).build());
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return request.getHeaderString("Transfer-Encoding") != null || length != null && !length.strip().equals("0");
    }
}
