package dev.drydock.dashboard.web;

import dev.drydock.dashboard.auth.SignedIn;
import dev.drydock.dashboard.auth.Viewer;
import dev.drydock.dashboard.graph.GraphLayout;
import dev.drydock.graph.DependencyGraph;
import dev.drydock.graph.Dependent;
import dev.drydock.graph.GraphEdge;
import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;
import dev.drydock.problem.ProblemException;
import dev.drydock.task.TaskService;
import dev.drydock.task.TaskView;
import dev.drydock.task.run.RunService;
import dev.drydock.watch.BaseService;
import dev.drydock.watch.TrackedBase;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A picture of bases → tasks → images, laid out in columns on the server as SVG. With a base or image selected
 * ({@code ?base=}) it draws that image's neighbourhood: the tasks that push it and what a new digest of it would
 * rebuild ({@link DependencyGraph#dependents}), lit; with a task ({@code ?task=}) what it builds FROM, pushes and
 * what builds FROM that. Without a selection it draws everything only while that is at most {@link #MAX_NODES}
 * boxes; a neighbourhood larger than that is cut to its nearest boxes, with a message.
 */
@Path("/graph")
@SignedIn
@Produces(MediaType.TEXT_HTML)
public class GraphPage {

    /** Longest label inside a box, in characters, before it is cut (from the left: the end says most). */
    static final int LABEL_CHARS = 27;
    /** Most images and tasks drawn at once; beyond it the page asks for a selection, or draws the nearest. */
    static final int MAX_NODES = 120;

    @Inject
    TaskService tasks;

    @Inject
    DependencyGraph graph;

    @Inject
    BaseService bases;

    @Inject
    RunService runs;

    @Inject
    TaskRows taskRows;

    @Inject
    Viewer viewer;

    @GET
    public TemplateInstance page(@QueryParam("base") String base, @QueryParam("task") String task) {
        Instant now = Instant.now();
        List<TaskView> views = tasks.list().stream().map(tasks::view).toList();
        Map<String, TaskView> byName = new HashMap<>();
        views.forEach(v -> byName.put(v.name(), v));
        Set<String> images = new TreeSet<>();
        for (TaskView v : views) {
            v.dependencies().forEach(e -> images.add(e.reference()));
            images.addAll(v.outputs());
        }
        long baseCount = bases.count(Optional.empty());

        String asked = normalise(base).orElse(null);
        String askedTask = task == null || task.isBlank() ? null : task.strip();
        String notice = null;
        if (askedTask != null && !byName.containsKey(askedTask)) {
            notice = "No task is named “" + askedTask + "”.";
            askedTask = null;
        }
        if (asked != null && !images.contains(asked) && bases.byReference(asked).isEmpty()) {
            notice = "No base or image " + Names.image(asked) + " is known.";
            asked = null;
        }
        String selected = asked;
        String selectedTask = asked != null ? null : askedTask;

        // What to draw: the neighbourhood of the selection, or everything while that is small.
        Set<String> wanted = new java.util.LinkedHashSet<>();
        Set<String> lit = new HashSet<>();
        Set<String> litEdges = new HashSet<>();
        GraphView.Selection selection = null;
        if (selected != null) {
            wanted.add(imageId(selected));
            views.stream().filter(v -> v.outputs().contains(selected)).forEach(v -> wanted.add(taskId(v.name())));
            List<GraphView.Rebuild> rebuilds = new ArrayList<>();
            for (Dependent d : graph.dependents(selected)) {
                List<String> ids = pathIds(d.path());
                wanted.addAll(ids);
                lit.addAll(ids);
                Optional.ofNullable(byName.get(d.task())).ifPresent(v -> v.outputs().forEach(o -> wanted.add(imageId(o))));
                for (int i = 1; i < ids.size(); i++) {
                    litEdges.add(ids.get(i - 1) + ">" + ids.get(i));
                }
                String via = d.path().stream().map(p -> p.contains("/") || p.contains(":") ? Names.image(p) : p)
                        .collect(Collectors.joining(" → "));
                rebuilds.add(new GraphView.Rebuild(d.task(), d.depth(), d.runtime(), via));
            }
            lit.add(imageId(selected));
            Optional<TrackedBase> t = bases.byReference(selected).stream().findFirst();
            selection = new GraphView.Selection(selected, Names.image(selected), t.map(b -> "/bases#base-" + b.id)
                    .orElse(null), rebuilds);
        } else if (selectedTask != null) {
            TaskView v = byName.get(selectedTask);
            wanted.add(taskId(v.name()));
            v.dependencies().forEach(e -> wanted.add(imageId(e.reference())));
            for (String o : v.outputs()) {
                wanted.add(imageId(o));
                graph.dependents(o).forEach(d -> wanted.addAll(pathIds(d.path())));
            }
        } else if (images.size() + views.size() <= MAX_NODES) {
            images.forEach(i -> wanted.add(imageId(i)));
            views.forEach(v -> wanted.add(taskId(v.name())));
        } else {
            notice = images.size() + " images and " + views.size() + " tasks are too many to draw at once ("
                    + baseCount + " bases are watched): choose a base or a task to see its neighbourhood.";
        }
        int neighbourhood = wanted.size();
        if (neighbourhood > MAX_NODES) {
            Set<String> nearest = new java.util.LinkedHashSet<>(wanted.stream().limit(MAX_NODES).toList());
            wanted.retainAll(nearest);
            notice = "The neighbourhood has " + neighbourhood + " images and tasks; the nearest " + MAX_NODES
                    + " are drawn. The list below names every task a change would rebuild.";
        }

        GraphLayout layout = new GraphLayout();
        Map<String, String> taskStatus = new HashMap<>();
        for (String id : wanted) {
            String name = id.substring(2);
            boolean isTask = id.startsWith("t:");
            layout.node(new GraphLayout.Input(id, isTask, isTask ? name : Names.image(name)));
            if (isTask) {
                runs.list(Optional.of(name), Optional.empty(), Optional.empty(), 0, 1).stream().findFirst()
                        .ifPresent(r -> taskStatus.put(name, r.status.name().toLowerCase(Locale.ROOT)));
            }
        }
        Map<String, Boolean> runtimeEdge = new HashMap<>();
        for (TaskView v : views) {
            String t = taskId(v.name());
            if (!wanted.contains(t)) {
                continue;
            }
            for (GraphEdge e : v.dependencies()) {
                if (wanted.contains(imageId(e.reference()))) {
                    layout.edge(imageId(e.reference()), t);
                    runtimeEdge.merge(imageId(e.reference()) + ">" + t, e.runtime(), Boolean::logicalOr);
                }
            }
            for (String o : v.outputs()) {
                if (wanted.contains(imageId(o))) {
                    layout.edge(t, imageId(o));
                    runtimeEdge.put(t + ">" + imageId(o), true);
                }
            }
        }
        GraphLayout.Layout laid = layout.layout();

        String focus = selected != null ? imageId(selected) : selectedTask != null ? taskId(selectedTask) : null;
        List<GraphView.Node> nodes = new ArrayList<>();
        for (GraphLayout.Placed p : laid.nodes().values()) {
            boolean isTask = p.id().startsWith("t:");
            String name = p.id().substring(2);
            String state = focus == null ? "" : p.id().equals(focus) ? " selected"
                    : selected == null || lit.contains(p.id()) ? " lit" : " dim";
            if (isTask) {
                String status = taskStatus.get(name);
                nodes.add(node("task", name, status == null ? "task · no runs yet" : "task · last run " + status,
                        name, "/tasks/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"),
                        "node task" + (status == null ? "" : " run-" + status) + state, p));
            } else {
                Optional<TrackedBase> t = bases.byReference(name).stream().findFirst();
                String sub = t.map(b -> "base · " + b.baseStatus().wire() + (b.effectiveDigest() == null ? "" : " · "
                        + Names.digest(b.effectiveDigest()))).orElse("image");
                nodes.add(node("image", Names.image(name), sub, name,
                        "/graph?base=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "#picture",
                        "node image" + t.map(b -> " base-" + b.baseStatus().wire()).orElse("") + state, p));
            }
        }
        List<GraphView.Line> lines = laid.routes().stream().map(r -> {
            String key = r.from() + ">" + r.to();
            String css = "edge" + (Boolean.FALSE.equals(runtimeEdge.get(key)) ? " build-stage" : "")
                    + (selected == null ? "" : litEdges.contains(key) ? " lit" : " dim");
            return new GraphView.Line(r.path(), css);
        }).toList();
        List<Option> taskOptions = new ArrayList<>();
        views.forEach(v -> taskOptions.add(new Option(v.name(), v.name(), v.name().equals(selectedTask))));
        List<TaskRow> table = views.stream().filter(v -> wanted.contains(taskId(v.name())))
                .map(v -> taskRows.row(v, now)).toList();
        GraphView view = new GraphView(nodes, lines, fmt(laid.width()), fmt(laid.height()), taskOptions, selection,
                table, selected == null ? "" : selected, notice, !views.isEmpty() || baseCount > 0);
        return Templates.graph(Chrome.of(viewer, "Graph", "graph"), view);
    }

    // A dependent's path alternates images and tasks, from the changed image on.
    private static List<String> pathIds(List<String> path) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            ids.add(i % 2 == 0 ? imageId(path.get(i)) : taskId(path.get(i)));
        }
        return ids;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return ErrorPages.of(viewer, e);
    }

    private static GraphView.Node node(String kind, String label, String sublabel, String title, String href,
            String css, GraphLayout.Placed p) {
        double x = p.x();
        double y = p.y();
        return new GraphView.Node(kind, cut(label), sublabel, title, href, css, fmt(x), fmt(y), fmt(x + 12),
                fmt(y + 19), fmt(y + 36), fmt(GraphLayout.NODE_WIDTH), fmt(GraphLayout.NODE_HEIGHT));
    }

    private static String cut(String label) {
        return label.length() <= LABEL_CHARS ? label : "…" + label.substring(label.length() - LABEL_CHARS + 1);
    }

    private static Optional<String> normalise(String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ImageReference.parse(reference.strip()).toString());
        } catch (InvalidReferenceException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String imageId(String reference) {
        return "i:" + reference;
    }

    private static String taskId(String name) {
        return "t:" + name;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
