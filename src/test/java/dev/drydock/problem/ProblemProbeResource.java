package dev.drydock.problem;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

/** A resource that exists only in tests, to drive every kind of error through the problem mappers. */
@Path("/test/problem")
public class ProblemProbeResource {

    public record Probe(@NotBlank String name, @Min(1) int count) {}

    @POST
    @Path("/valid")
    public Probe validate(@Valid Probe probe) {
        return probe;
    }

    /** A failure nobody foresaw, whose message is the request's text (as a message built from input would be). */
    @POST
    @Path("/unexpected")
    @Consumes(MediaType.TEXT_PLAIN)
    public void unexpected(String message) {
        throw new IllegalStateException(message);
    }

    @POST
    @Path("/domain/{field}")
    public void domain(@PathParam("field") String field) {
        throw ProblemException.badRequest(field, field + " is not acceptable here");
    }
}
