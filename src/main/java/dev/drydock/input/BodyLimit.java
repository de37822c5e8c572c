package dev.drydock.input;

import dev.drydock.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The request body limit ({@code quarkus.http.limits.max-body-size}) answered as problem+json, whatever the transfer
 * encoding. Quarkus refuses a declared {@code Content-Length} over the limit with a bare 413 before any resource
 * runs, and a chunked body that grows past it with a bare 413 while the resource reads it. This route sits just
 * before Quarkus's check: a declared length over the limit is refused before the body is read; a body without a
 * declared length is gathered here by a Vert.x body handler capped at the limit (RESTEasy then reads the gathered
 * body), and going past the cap gets the same problem naming {@code body}.
 */
@ApplicationScoped
public class BodyLimit {

    static final int TOO_LARGE = 413;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize limit;

    void install(@Observes Router router) {
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(limit.asLongValue()).setMergeFormAttributes(false);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(context -> refuseOversized(context, chunked))
                .failureHandler(this::answerOverTheLimit);
    }

    void refuseOversized(RoutingContext context, BodyHandler chunked) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            if (context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
                chunked.handle(context);
            } else {
                context.next();
            }
            return;
        }
        long declared;
        try {
            declared = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared <= limit.asLongValue()) {
            context.next();
            return;
        }
        refuse(context, "the request body is " + declared + " bytes");
    }

    /** The capped body handler fails the request with 413 once a body without a declared length goes past it. */
    void answerOverTheLimit(RoutingContext context) {
        if (context.statusCode() != TOO_LARGE || context.response().headWritten()) {
            context.next();
            return;
        }
        refuse(context, "the request body is larger");
    }

    private void refuse(RoutingContext context, String what) {
        Problem problem = Problem.of(TOO_LARGE, "Request body too large", what + "; the limit is " + limit.asLongValue()
                + " bytes (quarkus.http.limits.max-body-size)", "body");
        // The rest of the body is never read: answer, then close the connection it would have come on.
        context.response().endHandler(done -> context.request().connection().close());
        context.response().setStatusCode(TOO_LARGE)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.encode(problem));
    }
}
