package dev.drydock.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of an {@code application/problem+json} response (RFC 9457) with drydock's extensions: the offending
 * {@code field}, every invalid field in {@code errors}, and for an unexpected failure the {@code errorId} under
 * which the service log holds the details.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field, List<FieldError> errors,
        String errorId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field with the reason, for requests with several errors. */
    public record FieldError(String field, String detail) {}

    public Problem(String type, String title, int status, String detail, String field, List<FieldError> errors) {
        this(type, title, status, detail, field, errors, null);
    }

    public static Problem of(int status, String title, String detail, String field) {
        return new Problem("about:blank", title, status, detail, field, null);
    }

    /** A failure nobody foresaw: nothing internal in the body, only the id to find it in the log. */
    public static Problem unexpected(String errorId) {
        return new Problem("about:blank", "Internal error", 500,
                "the request failed unexpectedly; the service log has the details under error id " + errorId, null,
                null, errorId);
    }
}
