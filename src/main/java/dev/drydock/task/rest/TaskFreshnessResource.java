package dev.drydock.task.rest;

import dev.drydock.task.freshness.FreshnessService;
import dev.drydock.task.freshness.TaskFreshness;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tasks/{name}/freshness")
@Tag(name = "Freshness")
public class TaskFreshnessResource {

    @Inject
    FreshnessService freshness;

    @GET
    @Operation(operationId = "getTaskFreshness", summary = "Is this task up to date?", description = "upToDate, or why it is behind, since when, and on which bases")
    public TaskFreshness of(@PathParam("name") String name) {
        return freshness.of(name);
    }
}
