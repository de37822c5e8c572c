package dev.drydock.task.rest;

import dev.drydock.problem.Paging;
import dev.drydock.problem.ProblemException;
import dev.drydock.task.run.Run;
import dev.drydock.task.run.RunLog;
import dev.drydock.task.run.RunService;
import dev.drydock.task.run.RunStatus;
import dev.drydock.task.run.RunTrigger;
import dev.drydock.task.run.RunView;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/runs")
@Tag(name = "Runs", description = "Executions of tasks, their status and logs")
public class RunResource {

    @Inject
    RunService runs;

    @Inject
    RunLog log;

    @GET
    @Operation(operationId = "listRuns", summary = "List runs, newest first",
            description = "Filters: task, status, trigger; pages start at 0, size at most " + Paging.MAX_SIZE + ".")
    public RunPage list(@Parameter(description = "A task's name") @QueryParam("task") String task,
            @Parameter(description = "Queued, Started, Running, Succeeded, Failed, Canceled, Error or Timeout")
            @QueryParam("status") String status,
            @Parameter(description = "Manual, Commit, Timer or ImageUpdate") @QueryParam("trigger") String trigger,
            @QueryParam("page") @DefaultValue("0") int page,
            @Parameter(description = "At most " + Paging.MAX_SIZE) @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        Optional<String> byTask = Optional.ofNullable(task).filter(t -> !t.isBlank());
        Optional<RunStatus> byStatus = parse(RunStatus.class, "status", status);
        Optional<RunTrigger> byTrigger = parse(RunTrigger.class, "trigger", trigger);
        List<RunView> items = runs.list(byTask, byStatus, byTrigger, page, size).stream().map(runs::view).toList();
        return new RunPage(items, page, size, runs.count(byTask, byStatus, byTrigger));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getRun", summary = "One run")
    public RunView get(@PathParam("id") long id) {
        return runs.view(runs.get(id));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(operationId = "cancelRun", summary = "Cancel a run", description = "A queued run is canceled at once; a running one stops between steps.")
    public RunView cancel(@PathParam("id") long id) {
        return runs.view(runs.cancel(id));
    }

    @GET
    @Path("/{id}/log")
    @io.smallrye.common.annotation.Blocking
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "getRunLog", summary = "The run's log as text", description = "?follow=true streams new lines until the run ends.")
    public Multi<String> log(@PathParam("id") long id, @QueryParam("follow") @DefaultValue("false") boolean follow) {
        runs.get(id);
        AtomicLong after = new AtomicLong();
        if (!follow) {
            return Multi.createFrom().iterable(lines(id, after));
        }
        // Read the status before the lines: the batch read after a run ended holds its last lines.
        return Multi.createFrom().ticks().every(Duration.ofMillis(300))
                .onOverflow().drop()
                .emitOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                .map(tick -> {
                    boolean done = finished(id);
                    return new Batch(lines(id, after), done);
                })
                .select().first(batch -> !(batch.finished() && batch.lines().isEmpty()))
                .onItem().transformToIterable(Batch::lines);
    }

    private record Batch(List<String> lines, boolean finished) {}

    private List<String> lines(long id, AtomicLong after) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> log.after(id, after.get()).stream()
                .peek(l -> after.set(l.seq()))
                .map(l -> l.format() + "\n").collect(Collectors.toList()));
    }

    private boolean finished(long id) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(
                () -> Run.<Run>findByIdOptional(id).map(r -> r.status.isFinal()).orElse(true));
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equalsIgnoreCase(value)).findFirst()
                .map(Optional::of)
                .orElseThrow(() -> ProblemException.badRequest(field, "unknown " + field + " '" + value + "'; one of "
                        + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))));
    }
}
