package dev.drydock.cache.rewrite.rest;

import dev.drydock.cache.rewrite.RewriteResult;
import dev.drydock.cache.rewrite.RewriteService;
import dev.drydock.cache.rewrite.RewriteTarget;
import dev.drydock.problem.Problem;
import dev.drydock.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** FROM rewrites: a task's build file pointed at the private registry's verified copies (docs/cache.md). */
@Path("/api/v1/tasks/{name}/rewrite")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks")
public class TaskRewriteResource {

    @Inject
    RewriteService rewrites;

    @POST
    @Operation(operationId = "rewriteTask", summary = "Point the build file's FROMs at the private registry's copies",
            description = "Every FROM and COPY --from=<image> (ARG defaults included) that a cache rule or a succeeded "
                    + "import covers is rewritten to the private copy, once its digest is verified to equal upstream's. "
                    + "dryRun answers the diff; otherwise the change is committed to the branch "
                    + RewriteService.BRANCH + " of the task's repository and pushed.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = RewriteRequest.class),
            examples = @ExampleObject(name = "cache", value = "{\"to\": \"cache\", \"pinDigests\": true, \"dryRun\": true}")))
    @APIResponse(responseCode = "200", description = "The changes, the references left and why, the diff; the branch "
            + "and commit when committed", content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = RewriteResult.class)))
    @APIResponse(responseCode = "409", description = "Nothing to commit to (inline files, a rebase task), the task "
            + "builds the rewrite's branch, or the build file is a link or gone",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The build file does not parse, or is not UTF-8",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "The git server cannot be reached, refuses the credential or the "
            + "push", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RewriteResult rewrite(@PathParam("name") String name, RewriteRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("to", "a body with to (cache, imports or both) is required");
        }
        return rewrites.rewrite(name, new RewriteService.Options(RewriteTarget.parse(request.to()),
                Boolean.TRUE.equals(request.pinDigests()), Boolean.TRUE.equals(request.dryRun())));
    }
}
