package dev.drydock.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.drydock.logging.LogText;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where errors become {@code application/problem+json} responses. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(Problem.of(e.status(), e.title(), e.detail(), e.field()));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.detail()).collect(Collectors.joining("; "));
        String field = errors.isEmpty() ? null : errors.get(0).field();
        return respond(new Problem("about:blank", "Invalid request", 400, detail, field, errors));
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return problem(JsonProblems.of(e));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadable(unreadable);
        }
        if (e.getResponse().getEntity() instanceof Problem problem) {
            return respond(problem);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        String field = switch (status) {
            case 415 -> "Content-Type";
            case 406 -> "Accept";
            default -> null;
        };
        String detail = switch (status) {
            case 415 -> "this endpoint reads JSON: send the header Content-Type: application/json";
            case 406 -> "this endpoint answers JSON: send Accept: application/json (or leave Accept out)";
            default -> e.getMessage();
        };
        return respond(Problem.of(status, type.getReasonPhrase(), detail, field));
    }

    /** Anything else is a bug: logged with its stack trace under an id, answered with the id and nothing internal. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(LogText.escape(e), "unexpected failure, error id %s", errorId);
        return respond(Problem.unexpected(errorId));
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // Paths look like "create.request.reference": drop the method and parameter names.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
