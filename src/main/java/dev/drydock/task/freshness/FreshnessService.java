package dev.drydock.task.freshness;

import dev.drydock.graph.DependencyGraph;
import dev.drydock.graph.GraphEdge;
import dev.drydock.task.Task;
import dev.drydock.task.TaskService;
import dev.drydock.task.freshness.FreshnessInputs.BaseState;
import dev.drydock.task.freshness.FreshnessInputs.RunSummary;
import dev.drydock.task.freshness.FreshnessInputs.TaskNode;
import dev.drydock.task.run.Run;
import dev.drydock.task.run.RunHistory;
import dev.drydock.task.run.RunService;
import dev.drydock.watch.BaseService;
import dev.drydock.watch.TrackedBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads tasks, the graph, the watched bases and the runs that matter, and hands them to {@link Freshness}. */
@ApplicationScoped
public class FreshnessService {

    @Inject
    TaskService tasks;

    @Inject
    DependencyGraph graph;

    @Inject
    BaseService bases;

    @Inject
    RunHistory history;

    @Inject
    RunService runs;

    /** Every task's freshness, by task name. */
    @Transactional
    public Map<String, TaskFreshness> all() {
        Map<Long, List<GraphEdge>> dependencies = graph.allDependencies();
        Map<Long, List<String>> outputs = graph.allOutputs();
        Map<Long, Run> succeeded = history.lastSucceeded();
        Map<Long, Run> finished = history.latestFinished();
        Map<Long, Run> active = history.oldestActive();
        List<TaskNode> nodes = new ArrayList<>();
        for (Task task : tasks.list()) {
            boolean all = "all".equals(task.baseScope);
            List<String> triggering = dependencies.getOrDefault(task.id, List.of()).stream()
                    .filter(e -> !e.pinned() && (all || e.runtime())).map(GraphEdge::reference).distinct().toList();
            nodes.add(new TaskNode(task.name, task.createdAt, triggering, outputs.getOrDefault(task.id, List.of()),
                    tasks.spec(task).images().size(), summary(succeeded.get(task.id)), summary(finished.get(task.id)),
                    summary(active.get(task.id))));
        }
        Map<String, BaseState> states = new HashMap<>();
        for (TrackedBase base : bases.wholeTags()) {
            states.put(base.reference, new BaseState(base.reference, base.digest, base.baseStatus(), base.lastError,
                    base.statusSince, base.lastChangedAt));
        }
        return Freshness.of(nodes, states);
    }

    /** One task's freshness; a problem 404 when there is no such task. */
    public TaskFreshness of(String taskName) {
        tasks.get(taskName);
        return Optional.ofNullable(all().get(taskName)).orElseThrow();
    }

    private Optional<RunSummary> summary(Run run) {
        return Optional.ofNullable(run).map(r -> new RunSummary(r.id, r.status, runs.pinned(r), r.error, r.createdAt,
                r.finishedAt));
    }
}
