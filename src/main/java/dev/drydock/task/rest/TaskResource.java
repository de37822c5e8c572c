package dev.drydock.task.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.input.StrictJson;
import dev.drydock.problem.JsonProblems;
import dev.drydock.problem.Paging;
import dev.drydock.problem.Problem;
import dev.drydock.problem.ProblemException;
import dev.drydock.task.Task;
import dev.drydock.task.TaskService;
import dev.drydock.task.TaskSpec;
import dev.drydock.task.TaskView;
import dev.drydock.task.run.RunService;
import dev.drydock.task.run.RunView;
import dev.drydock.task.trigger.TriggerService;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tasks")
@Tag(name = "Tasks", description = "Build tasks: source, build file, targets and triggers")
public class TaskResource {

    @Inject
    TaskService tasks;

    @Inject
    TriggerService triggers;

    @Inject
    RunService runs;

    @Inject
    ObjectMapper json;

    @Inject
    StrictJson strict;

    /** Body of a manual run request; every field optional. */
    public record RunRequest(String ref, String commit, Map<String, String> args) {}

    @POST
    @Operation(operationId = "createTask", summary = "Register a task",
            description = "Reads and analyses the build file; ?dryRun=true validates and answers what would be stored (200), storing nothing.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = TaskSpec.class), examples = @ExampleObject(name = "inline", value = """
                    {"name": "app", "source": {"inline": {"files": {"Dockerfile": "FROM 127.0.0.1:5001/library/base:1\\nCOPY app.txt /app/\\n",
                      "app.txt": "hi\\n"}}}, "images": ["127.0.0.1:5000/team/app:latest"]}""")))
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "200", description = "dryRun: what would be stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "409", description = "A task of that name exists, or it would close a cycle",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(TaskSpec spec, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun) {
        TaskView view = tasks.create(spec, dryRun);
        if (dryRun) {
            return Response.ok(view).build();
        }
        return Response.created(URI.create("/api/v1/tasks/" + view.name())).entity(view).build();
    }

    @GET
    @Operation(operationId = "listTasks", summary = "List tasks by name",
            description = "Pages start at 0, size at most " + Paging.MAX_SIZE + ".")
    public TaskPage list(@QueryParam("page") @DefaultValue("0") int page,
            @Parameter(description = "At most " + Paging.MAX_SIZE) @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        return new TaskPage(tasks.list(page, size).stream().map(tasks::view).toList(), page, size, tasks.count());
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getTask", summary = "One task")
    public TaskView get(@PathParam("name") String name) {
        return tasks.view(tasks.get(name));
    }

    @PUT
    @Path("/{name}")
    @Operation(operationId = "replaceTask", summary = "Replace a task's definition")
    public TaskView replace(@PathParam("name") String name, TaskSpec spec) {
        return tasks.replace(name, spec);
    }

    @PATCH
    @Path("/{name}")
    @Consumes({"application/merge-patch+json", "application/json"})
    @Operation(operationId = "patchTask", summary = "Change part of a task (JSON merge patch)",
            description = "Fields left out stay; null removes a field; objects merge.")
    @RequestBody(required = true, content = @Content(mediaType = "application/merge-patch+json",
            schema = @Schema(implementation = TaskSpec.class),
            examples = @ExampleObject(name = "timeout", value = "{\"timeoutSeconds\": 600}")))
    public TaskView patch(@PathParam("name") String name, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ProblemException.badRequest("body", "a JSON merge patch object is required");
        }
        Task task = tasks.get(name);
        ObjectNode current = json.valueToTree(tasks.spec(task));
        merge(current, patch);
        try {
            return tasks.replace(name, strict.mapper().treeToValue(current, TaskSpec.class));
        } catch (JsonProcessingException e) {
            throw JsonProblems.of(e);
        }
    }

    @DELETE
    @Path("/{name}")
    @Operation(operationId = "deleteTask", summary = "Remove a task", description = "Bases only it needed stop being watched.")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response delete(@PathParam("name") String name) {
        tasks.delete(name);
        return Response.noContent().build();
    }

    @GET
    @Path("/{name}/dependencies")
    @Operation(operationId = "getTaskDependencies", summary = "What the task builds FROM and what it pushes")
    public TaskView dependencies(@PathParam("name") String name) {
        return tasks.view(tasks.get(name));
    }

    @POST
    @Path("/{name}/runs")
    @Operation(operationId = "runTask", summary = "Run a task now",
            description = "202 with the queued run; optional ref/commit and args override the task's. The body may be left out.")
    @Consumes({"application/json", "*/*"})
    @RequestBody(required = false, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = RunRequest.class),
            examples = @ExampleObject(name = "args", value = "{\"args\": {\"V\": \"17\"}}")))
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RunView.class)))
    public Response run(@PathParam("name") String name, String body) {
        RunRequest r = new RunRequest(null, null, null);
        if (body != null && !body.isBlank()) {
            try {
                r = strict.mapper().readValue(body, RunRequest.class);
            } catch (JsonProcessingException e) {
                throw JsonProblems.of(e);
            }
        }
        RunView run = runs.view(triggers.manual(name, Optional.ofNullable(r.ref()), Optional.ofNullable(r.commit()),
                r.args() == null ? Map.of() : r.args()));
        return Response.accepted(run).location(URI.create("/api/v1/runs/" + run.id())).build();
    }

    /** RFC 7386: null removes, objects merge, everything else replaces. */
    private static void merge(ObjectNode target, JsonNode patch) {
        patch.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else if (e.getValue().isObject() && target.get(e.getKey()) instanceof ObjectNode child) {
                merge(child, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        });
    }
}
