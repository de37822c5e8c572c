package dev.drydock.input;

import dev.drydock.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The request body limit ({@code quarkus.http.limits.max-body-size}) answered as problem+json. Quarkus refuses a
 * declared {@code Content-Length} over the limit with a bare 413 before any resource runs; this route sits just
 * before that check and gives the same refusal a problem body naming {@code body}.
 */
@ApplicationScoped
public class BodyLimit {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize limit;

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseOversized);
    }

    void refuseOversized(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared <= limit.asLongValue()) {
            context.next();
            return;
        }
        Problem problem = Problem.of(413, "Request body too large", "the request body is " + declared
                + " bytes; the limit is " + limit.asLongValue() + " bytes (quarkus.http.limits.max-body-size)", "body");
        // The body is never read: answer, then close the connection it would have come on.
        context.response().endHandler(done -> context.request().connection().close());
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.encode(problem));
    }
}
