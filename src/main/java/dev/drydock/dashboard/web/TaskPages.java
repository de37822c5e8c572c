package dev.drydock.dashboard.web;

import dev.drydock.dashboard.auth.SignedIn;
import dev.drydock.dashboard.auth.Viewer;
import dev.drydock.problem.ProblemException;
import dev.drydock.task.Task;
import dev.drydock.task.TaskService;
import dev.drydock.task.TaskView;
import dev.drydock.task.run.Run;
import dev.drydock.task.run.RunService;
import dev.drydock.task.trigger.TriggerService;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The task list and each task's page: definition, dependencies, triggers, recent runs and "run now". */
@Path("/tasks")
@SignedIn
@Produces(MediaType.TEXT_HTML)
public class TaskPages {

    static final int RECENT_RUNS = 20;
    static final int PAGE_SIZE = 50;

    @Inject
    TaskService tasks;

    @Inject
    RunService runs;

    @Inject
    RunRows rows;

    @Inject
    TriggerService triggers;

    @Inject
    TaskRows taskRows;

    @Inject
    Viewer viewer;

    @GET
    public TemplateInstance list(@QueryParam("q") String q, @QueryParam("page") @DefaultValue("0") int page) {
        Instant now = Instant.now();
        String search = q == null ? "" : q.strip();
        String needle = search.toLowerCase(Locale.ROOT);
        // The name and the stored definition (source, build file, targets) are searched; only one page is viewed.
        List<Task> matching = tasks.list().stream()
                .filter(t -> needle.isEmpty() || t.name.contains(needle) || t.spec.toLowerCase(Locale.ROOT).contains(needle))
                .toList();
        int current = Math.max(0, page);
        List<TaskRow> list = matching.stream().skip((long) current * PAGE_SIZE).limit(PAGE_SIZE)
                .map(t -> taskRows.row(tasks.view(t), now)).toList();
        String base = "/tasks?" + Names.query("", "q", search);
        String separator = search.isEmpty() ? "" : "&";
        TaskList view = new TaskList(list, search, matching.size(), current,
                current > 0 ? base + separator + "page=" + (current - 1) : null,
                (long) (current + 1) * PAGE_SIZE < matching.size() ? base + separator + "page=" + (current + 1) : null);
        return Templates.tasks(Chrome.of(viewer, "Tasks", "tasks"), view);
    }

    @GET
    @Path("/{name}")
    public TemplateInstance task(@PathParam("name") String name, @QueryParam("part") String part) {
        Task task = tasks.get(name);
        TaskView view = tasks.view(task);
        Instant now = Instant.now();
        List<RunRow> recent = runs.list(Optional.of(name), Optional.empty(), Optional.empty(), 0, RECENT_RUNS).stream()
                .map(r -> rows.row(r, 0, now)).toList();
        TaskDetail detail = taskRows.detail(view, now);
        Chrome chrome = Chrome.of(viewer, "Task " + name, "tasks");
        return "runs".equals(part) ? Templates.task$runs(chrome, detail, recent) : Templates.task(chrome, detail, recent);
    }

    @POST
    @Path("/{name}/run")
    public Response runNow(@PathParam("name") String name) {
        Run run = triggers.manual(name, Optional.empty(), Optional.empty(), Map.of());
        return Response.seeOther(URI.create("/runs/" + run.id)).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return ErrorPages.of(viewer, e);
    }
}
