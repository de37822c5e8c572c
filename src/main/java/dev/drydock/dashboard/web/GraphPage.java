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
 * A picture of bases → tasks → images, laid out in columns on the server as SVG. Images link to this page with
 * themselves selected ({@code ?base=}); the selection lights up what a new digest of it would rebuild
 * ({@link DependencyGraph#dependents}) and dims the rest. Tasks link to their pages.
 */
@Path("/graph")
@SignedIn
@Produces(MediaType.TEXT_HTML)
public class GraphPage {

    /** Longest label inside a box, in characters, before it is cut (from the left: the end says most). */
    static final int LABEL_CHARS = 27;
    static final int MAX_BASES = 5000;

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
    public TemplateInstance page(@QueryParam("base") String base) {
        Instant now = Instant.now();
        List<TaskView> views = tasks.list().stream().map(tasks::view).toList();
        Map<String, TrackedBase> tracked = new HashMap<>();
        bases.list(Optional.empty(), 0, MAX_BASES).forEach(b -> tracked.putIfAbsent(b.reference, b));

        GraphLayout layout = new GraphLayout();
        Set<String> images = new TreeSet<>(tracked.keySet());
        Map<String, String> taskStatus = new HashMap<>();
        for (TaskView v : views) {
            v.dependencies().forEach(e -> images.add(e.reference()));
            images.addAll(v.outputs());
        }
        images.forEach(i -> layout.node(new GraphLayout.Input(imageId(i), false, Names.image(i))));
        for (TaskView v : views) {
            layout.node(new GraphLayout.Input(taskId(v.name()), true, v.name()));
            runs.list(Optional.of(v.name()), Optional.empty(), Optional.empty(), 0, 1).stream().findFirst()
                    .ifPresent(r -> taskStatus.put(v.name(), r.status.name().toLowerCase(Locale.ROOT)));
        }
        Map<String, Boolean> runtimeEdge = new HashMap<>();
        for (TaskView v : views) {
            for (GraphEdge e : v.dependencies()) {
                layout.edge(imageId(e.reference()), taskId(v.name()));
                runtimeEdge.merge(imageId(e.reference()) + ">" + taskId(v.name()), e.runtime(), Boolean::logicalOr);
            }
            for (String o : v.outputs()) {
                layout.edge(taskId(v.name()), imageId(o));
                runtimeEdge.put(taskId(v.name()) + ">" + imageId(o), true);
            }
        }
        GraphLayout.Layout laid = layout.layout();

        String selected = normalise(base).filter(images::contains).orElse(null);
        Set<String> lit = new HashSet<>();
        Set<String> litEdges = new HashSet<>();
        GraphView.Selection selection = null;
        if (selected != null) {
            List<Dependent> dependents = graph.dependents(selected);
            lit.add(imageId(selected));
            List<GraphView.Rebuild> rebuilds = new ArrayList<>();
            for (Dependent d : dependents) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < d.path().size(); i++) {
                    ids.add(i % 2 == 0 ? imageId(d.path().get(i)) : taskId(d.path().get(i)));
                }
                lit.addAll(ids);
                for (int i = 1; i < ids.size(); i++) {
                    litEdges.add(ids.get(i - 1) + ">" + ids.get(i));
                }
                String via = d.path().stream().map(p -> p.contains("/") || p.contains(":") ? Names.image(p) : p)
                        .collect(Collectors.joining(" → "));
                rebuilds.add(new GraphView.Rebuild(d.task(), d.depth(), d.runtime(), via));
            }
            TrackedBase t = tracked.get(selected);
            selection = new GraphView.Selection(selected, Names.image(selected), t == null ? null : "/bases#base-" + t.id,
                    rebuilds);
        }

        List<GraphView.Node> nodes = new ArrayList<>();
        for (GraphLayout.Placed p : laid.nodes().values()) {
            boolean task = p.id().startsWith("t:");
            String name = p.id().substring(2);
            String state = selected == null ? "" : p.id().equals(imageId(selected)) ? " selected" : lit.contains(p.id()) ? " lit" : " dim";
            if (task) {
                String status = taskStatus.get(name);
                nodes.add(node("task", name, status == null ? "task · no runs yet" : "task · last run " + status,
                        name, "/tasks/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"),
                        "node task" + (status == null ? "" : " run-" + status) + state, p));
            } else {
                TrackedBase t = tracked.get(name);
                String sub = t != null ? "base · " + t.baseStatus().wire() + (t.effectiveDigest() == null ? "" : " · "
                        + Names.digest(t.effectiveDigest())) : "image";
                nodes.add(node("image", Names.image(name), sub, name,
                        "/graph?base=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "#picture",
                        "node image" + (t == null ? "" : " base-" + t.baseStatus().wire()) + state, p));
            }
        }
        List<GraphView.Line> lines = laid.routes().stream().map(r -> {
            String key = r.from() + ">" + r.to();
            String css = "edge" + (Boolean.FALSE.equals(runtimeEdge.get(key)) ? " build-stage" : "")
                    + (selected == null ? "" : litEdges.contains(key) ? " lit" : " dim");
            return new GraphView.Line(r.path(), css);
        }).toList();
        List<Option> options = new ArrayList<>();
        options.add(new Option("", "nothing selected", selected == null));
        images.forEach(i -> options.add(new Option(i, Names.image(i), i.equals(selected))));
        List<TaskRow> table = views.stream().map(v -> taskRows.row(v, now)).toList();
        GraphView view = new GraphView(nodes, lines, fmt(laid.width()), fmt(laid.height()), options, selection, table);
        return Templates.graph(Chrome.of(viewer, "Graph", "graph"), view);
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
