package dev.drydock.input;

import dev.drydock.problem.Problem;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A POST to the API with {@code X-HTTP-Method-Override: PATCH} is a PATCH: the JDK's {@code HttpURLConnection}, which
 * the command line uses because it starts in a fraction of the time of {@code java.net.http.HttpClient}, cannot send
 * PATCH. Only PATCH may be asked for this way, so the header never turns a read into a write or a write into a delete.
 */
public class MethodOverrideFilter {

    static final String HEADER = "X-HTTP-Method-Override";

    // Before ContentTypeFilter, so that it sees the PATCH and says so in its answer.
    @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 50)
    public Optional<Response> override(ContainerRequestContext request) {
        String asked = request.getHeaderString(HEADER);
        if (asked == null || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        if (!request.getMethod().equals("POST") || !asked.strip().equalsIgnoreCase("PATCH")) {
            return Optional.of(Response.status(400).type(Problem.MEDIA_TYPE).entity(Problem.of(400, "Bad Request",
                    "only a POST may carry " + HEADER + ", and only to ask for PATCH", HEADER)).build());
        }
        request.setMethod("PATCH");
        return Optional.empty();
    }
}
