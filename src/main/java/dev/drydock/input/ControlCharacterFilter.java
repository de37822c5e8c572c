package dev.drydock.input;

import dev.drydock.problem.Problem;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Paths and query parameters, once percent-decoded, hold no control characters ({@code %00}, {@code %0A}, …):
 * such a request is answered 400 naming {@code path} or the parameter, before authentication and routing.
 */
public class ControlCharacterFilter {

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 500)
    public Optional<Response> refuseControlCharacters(ContainerRequestContext request) {
        MultivaluedMap<String, String> query;
        String path;
        try {
            path = request.getUriInfo().getPath();
            query = request.getUriInfo().getQueryParameters();
        } catch (IllegalArgumentException e) {
            return refuse("path", "the request URI is not correctly percent-encoded");
        }
        if (ControlCharacters.findInLine(path) >= 0) {
            return refuse("path", "the path holds the control character " + name(path));
        }
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String key = parameter.getKey();
            if (ControlCharacters.findInLine(key) >= 0) {
                return refuse("query", "a query parameter name holds the control character " + name(key));
            }
            for (String value : parameter.getValue()) {
                if (ControlCharacters.findInLine(value) >= 0) {
                    return refuse(key, key + " holds the control character " + name(value));
                }
            }
        }
        return Optional.empty();
    }

    private static String name(String value) {
        return ControlCharacters.name(value.charAt(ControlCharacters.findInLine(value)));
    }

    private static Optional<Response> refuse(String field, String detail) {
        return Optional.of(Response.status(400).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(400, "Invalid request", detail, field)).build());
    }
}
