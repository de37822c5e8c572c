package dev.drydock.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of an {@code application/problem+json} response (RFC 9457) with drydock's extensions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field with the reason, for requests with several errors. */
    public record FieldError(String field, String detail) {}

    public static Problem of(int status, String title, String detail, String field) {
        return new Problem("about:blank", title, status, detail, field, null);
    }
}
