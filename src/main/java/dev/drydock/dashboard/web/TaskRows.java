package dev.drydock.dashboard.web;

import dev.drydock.graph.DependencyGraph;
import dev.drydock.graph.GraphEdge;
import dev.drydock.task.TaskSpec;
import dev.drydock.task.TaskView;
import dev.drydock.task.run.RunService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns tasks into the task list's rows and the task page's detail. */
@ApplicationScoped
public class TaskRows {

    @Inject
    RunService runs;

    @Inject
    RunRows rows;

    @Inject
    DependencyGraph graph;

    public TaskRow row(TaskView view, Instant now) {
        List<String> from = view.dependencies().stream().filter(GraphEdge::runtime).map(e -> Names.image(e.reference()))
                .distinct().toList();
        RunRow last = runs.list(Optional.of(view.name()), Optional.empty(), Optional.empty(), 0, 1).stream().findFirst()
                .map(r -> rows.row(r, 0, now)).orElse(null);
        return new TaskRow(view.name(), source(view.spec()), view.spec().buildFile(), from,
                view.outputs().stream().map(Names::image).toList(), triggers(view.spec()), last);
    }

    public TaskDetail detail(TaskView view, Instant now) {
        TaskSpec spec = view.spec();
        List<TaskDetail.Dependency> deps = view.dependencies().stream()
                .map(e -> new TaskDetail.Dependency(e.reference(), Names.image(e.reference()), e.stage(), e.runtime(),
                        e.pinned(), e.platform(), graphHref(e.reference())))
                .toList();
        List<TaskDetail.Output> outputs = view.outputs().stream()
                .map(o -> new TaskDetail.Output(o, Names.image(o), List.copyOf(graph.directDependents(o).keySet())))
                .toList();
        List<RunRow.Pin> args = new ArrayList<>();
        Map<String, String> specArgs = spec.args() == null ? Map.of() : new LinkedHashMap<>(spec.args());
        specArgs.forEach((k, v) -> args.add(new RunRow.Pin(k, k, v, v)));
        return new TaskDetail(view.name(), source(spec), spec.buildFile(), deps, outputs, triggers(spec), args,
                spec.platforms() == null ? List.of() : spec.platforms(), view.analyzedCommit(), spec.timeoutSeconds(),
                spec.credentials(), Times.of(view.createdAt(), now), Times.of(view.updatedAt(), now),
                "commit".equals(spec.created()) ? "the commit's time (SOURCE_DATE_EPOCH)" : "the epoch (1970-01-01)",
                view.warnings());
    }

    static String graphHref(String reference) {
        return "/graph?base=" + URLEncoder.encode(reference, StandardCharsets.UTF_8) + "#picture";
    }

    static String source(TaskSpec spec) {
        if (spec.source() != null && spec.source().git() != null) {
            TaskSpec.Git git = spec.source().git();
            String s = git.url() + (git.ref() == null ? "" : " @ " + git.ref());
            return git.context() == null || git.context().equals(".") ? s : s + " (" + git.context() + ")";
        }
        if (spec.source() != null && spec.source().inline() != null && spec.source().inline().files() != null) {
            int n = spec.source().inline().files().size();
            return "inline, " + n + (n == 1 ? " file" : " files");
        }
        return "inline";
    }

    /** What makes the task run, in words; manual runs always can. */
    static List<String> triggers(TaskSpec spec) {
        List<String> words = new ArrayList<>();
        TaskSpec.Triggers t = spec.triggers();
        if (t != null && t.baseImage() != null && !Boolean.FALSE.equals(t.baseImage().enabled())) {
            words.add("all".equals(t.baseImage().scope()) ? "a new digest of any base it builds FROM"
                    : "a new digest of its runtime base");
        }
        if (t != null && t.commit() != null && Boolean.TRUE.equals(t.commit().enabled())) {
            words.add("commits" + (t.commit().branch() == null ? "" : " to " + t.commit().branch()));
        }
        if (t != null && t.timers() != null) {
            for (TaskSpec.Timer timer : t.timers()) {
                if (!Boolean.FALSE.equals(timer.enabled())) {
                    words.add("timer " + timer.name() + " (" + timer.schedule() + " UTC)");
                }
            }
        }
        words.add("by hand");
        return words;
    }
}
