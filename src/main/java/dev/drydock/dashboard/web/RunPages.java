package dev.drydock.dashboard.web;

import dev.drydock.dashboard.auth.SignedIn;
import dev.drydock.dashboard.auth.Viewer;
import dev.drydock.outbox.Channels;
import dev.drydock.outbox.DeadLetters;
import dev.drydock.problem.ProblemException;
import dev.drydock.task.TaskService;
import dev.drydock.task.run.Run;
import dev.drydock.task.run.RunLog;
import dev.drydock.task.run.RunService;
import dev.drydock.task.run.RunStatus;
import dev.drydock.task.run.RunTrigger;
import dev.drydock.task.run.RunView;
import dev.drydock.task.trigger.TriggerService;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Run history with filters, one run's page with its live log, and the cancel and re-run buttons. The log is
 * fetched again by the page's script ({@code /runs/{id}/log?after=seq}) while the run is active.
 */
@Path("/runs")
@SignedIn
@Produces(MediaType.TEXT_HTML)
public class RunPages {

    static final int PAGE_SIZE = 50;
    /** Lines of a log the run page shows at once; the rest is in the full text. */
    static final int LOG_LINES = 2000;

    @Inject
    RunService runs;

    @Inject
    RunLog log;

    @Inject
    RunRows rows;

    @Inject
    TaskService tasks;

    @Inject
    TriggerService triggers;

    @Inject
    Viewer viewer;

    @Inject
    DeadLetters deadLetters;

    /** New log lines after {@code seq}, and whether the run has ended (then no more will come). */
    public record LogChunk(List<LogLine> lines, long last, boolean finished) {}

    @GET
    public TemplateInstance list(@QueryParam("task") String task, @QueryParam("status") String status,
            @QueryParam("trigger") String trigger, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("part") String part) {
        Optional<String> taskFilter = Optional.ofNullable(task).map(String::strip).filter(t -> !t.isEmpty());
        Optional<RunStatus> statusFilter = parse(RunStatus.class, status);
        Optional<RunTrigger> triggerFilter = parse(RunTrigger.class, trigger);
        int current = Math.max(0, page);
        Instant now = Instant.now();
        List<RunRow> found = runs.list(taskFilter, statusFilter, triggerFilter, current, PAGE_SIZE).stream()
                .map(r -> rows.row(r, 0, now)).toList();
        List<String> names = tasks.list().stream().map(t -> t.name).collect(Collectors.toCollection(ArrayList::new));
        taskFilter.filter(t -> !names.contains(t)).ifPresent(names::add);
        List<Option> taskOptions = names.stream().map(n -> new Option(n, n, taskFilter.map(n::equals).orElse(false))).toList();
        List<Option> statusOptions = Arrays.stream(RunStatus.values())
                .map(s -> new Option(s.name(), s.name(), statusFilter.map(s::equals).orElse(false))).toList();
        List<Option> triggerOptions = Arrays.stream(RunTrigger.values())
                .map(t -> new Option(t.name(), RunRows.trigger(t), triggerFilter.map(t::equals).orElse(false))).toList();
        String query = query(taskFilter.orElse(null), statusFilter.map(Enum::name).orElse(null),
                triggerFilter.map(Enum::name).orElse(null));
        String base = "/runs?" + (query.isEmpty() ? "" : query + "&");
        RunList list = new RunList(found, taskOptions, statusOptions, triggerOptions,
                taskFilter.isPresent() || statusFilter.isPresent() || triggerFilter.isPresent(), current, query,
                current > 0 ? base + "page=" + (current - 1) : null,
                found.size() == PAGE_SIZE ? base + "page=" + (current + 1) : null,
                deadLetters.count(Channels.REBUILD_REQUESTS_IN) + deadLetters.count(Channels.INTERACTIVE_REQUESTS_IN));
        Chrome chrome = Chrome.of(viewer, "Runs", "runs");
        return "table".equals(part) ? Templates.runs$table(chrome, list) : Templates.runs(chrome, list);
    }

    @GET
    @Path("/{id}")
    public TemplateInstance run(@PathParam("id") long id, @QueryParam("part") String part) {
        RunRow run = rows.row(runs.get(id), 0, Instant.now());
        Chrome chrome = Chrome.of(viewer, "Run #" + id + " · " + run.task(), "runs");
        if ("summary".equals(part)) {
            return Templates.run$summary(chrome, run);
        }
        List<RunLog.Line> lines = log.after(id, 0);
        boolean cut = lines.size() > LOG_LINES;
        List<LogLine> shown = lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()).stream()
                .map(l -> LogLine.of(l.seq(), l.at(), l.text())).toList();
        long last = lines.isEmpty() ? 0 : lines.get(lines.size() - 1).seq();
        return Templates.run(chrome, run, shown, last, cut);
    }

    @GET
    @Path("/{id}/log")
    @Produces(MediaType.APPLICATION_JSON)
    public LogChunk logAfter(@PathParam("id") long id, @QueryParam("after") @DefaultValue("0") long after) {
        // The status first: lines read after a run ended include its last ones.
        boolean finished = runs.get(id).status.isFinal();
        List<LogLine> lines = log.after(id, after).stream().map(l -> LogLine.of(l.seq(), l.at(), l.text())).toList();
        return new LogChunk(lines, lines.isEmpty() ? after : lines.get(lines.size() - 1).seq(), finished);
    }

    @GET
    @Path("/{id}/log.txt")
    @Produces(MediaType.TEXT_PLAIN + ";charset=UTF-8")
    public String logText(@PathParam("id") long id) {
        runs.get(id);
        return log.after(id, 0).stream().map(l -> l.format() + "\n").collect(Collectors.joining());
    }

    @POST
    @Path("/{id}/cancel")
    public Response cancel(@PathParam("id") long id) {
        runs.cancel(id);
        return Response.seeOther(URI.create("/runs/" + id)).build();
    }

    /** A new manual run of the same task with the same git ref, commit and build arguments. */
    @POST
    @Path("/{id}/rerun")
    public Response rerun(@PathParam("id") long id) {
        RunView old = runs.view(runs.get(id));
        Run again = triggers.manual(old.task(), Optional.ofNullable(old.gitRef()), Optional.ofNullable(old.gitCommit()),
                old.args() == null ? Map.of() : old.args());
        return Response.seeOther(URI.create("/runs/" + again.id)).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return ErrorPages.of(viewer, e);
    }

    static String query(String task, String status, String trigger) {
        List<String> parts = new ArrayList<>();
        if (task != null) {
            parts.add("task=" + URLEncoder.encode(task, StandardCharsets.UTF_8));
        }
        if (status != null) {
            parts.add("status=" + status);
        }
        if (trigger != null) {
            parts.add("trigger=" + trigger);
        }
        return String.join("&", parts);
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equalsIgnoreCase(value.strip())).findFirst();
    }
}
