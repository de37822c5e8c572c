package dev.drydock.task.freshness;

import dev.drydock.task.freshness.FreshnessInputs.BaseState;
import dev.drydock.task.freshness.FreshnessInputs.RunSummary;
import dev.drydock.task.freshness.FreshnessInputs.TaskNode;
import dev.drydock.task.freshness.TaskFreshness.BehindBase;
import dev.drydock.task.run.RunStatus;
import dev.drydock.watch.BaseStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which tasks are behind, and why: a pure function over tasks, bases and runs. A task is up to date when its last
 * successful run built from the current digest of every base it depends on, and every task whose image it builds
 * FROM is up to date too (transitively). The graph has no cycles (registration rejects them); one here anyway is
 * cut where it closes.
 */
public final class Freshness {

    private final Map<String, TaskNode> tasks = new TreeMap<>();
    private final Map<String, BaseState> bases;
    private final Map<String, String> producers = new HashMap<>();
    private final Map<String, TaskFreshness> results = new HashMap<>();
    private final Set<String> visiting = new HashSet<>();

    private Freshness(Collection<TaskNode> tasks, Map<String, BaseState> bases) {
        this.bases = bases;
        for (TaskNode task : tasks) {
            this.tasks.put(task.name(), task);
            task.outputs().forEach(output -> producers.put(output, task.name()));
        }
    }

    /** Every task's freshness, by task name. */
    public static Map<String, TaskFreshness> of(Collection<TaskNode> tasks, Map<String, BaseState> bases) {
        Freshness freshness = new Freshness(tasks, bases);
        Map<String, TaskFreshness> all = new LinkedHashMap<>();
        freshness.tasks.keySet().forEach(name -> all.put(name, freshness.judge(name)));
        return all;
    }

    /** The tasks that are behind, the longest behind first. */
    public static List<TaskFreshness> behind(Map<String, TaskFreshness> all) {
        return all.values().stream().filter(f -> !f.upToDate())
                .sorted(Comparator.comparing(TaskFreshness::since, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(TaskFreshness::task))
                .toList();
    }

    private TaskFreshness judge(String name) {
        TaskFreshness known = results.get(name);
        if (known != null) {
            return known;
        }
        TaskNode task = tasks.get(name);
        if (!visiting.add(name)) {
            return TaskFreshness.upToDate(name, task.images());
        }
        TaskFreshness result = judge(task);
        visiting.remove(name);
        results.put(name, result);
        return result;
    }

    private TaskFreshness judge(TaskNode task) {
        List<BehindBase> behind = new ArrayList<>();
        List<Instant> since = new ArrayList<>();
        BehindBase unreachable = null;
        TaskFreshness upstreamBehind = null;
        Optional<RunSummary> built = task.lastSucceeded();
        for (String reference : task.bases()) {
            BaseState base = bases.get(reference);
            if (base == null) {
                continue;
            }
            String upstream = producers.get(reference);
            TaskFreshness upstreamFreshness = upstream == null || upstream.equals(task.name()) ? null : judge(upstream);
            String builtDigest = built.map(r -> r.pinned().get(reference)).orElse(null);
            boolean cannotCheck = base.status() != BaseStatus.OK && base.status() != BaseStatus.PENDING;
            boolean stale = built.isPresent() && isStale(base, builtDigest, built.get());
            boolean upstreamStale = upstreamFreshness != null && !upstreamFreshness.upToDate();
            if (!cannotCheck && !stale && !upstreamStale) {
                continue;
            }
            BehindBase entry = new BehindBase(reference, base.digest(), builtDigest, base.status().wire(),
                    cannotCheck ? base.lastError() : null, upstream);
            behind.add(entry);
            if (cannotCheck) {
                since.add(base.statusSince());
                unreachable = unreachable == null ? entry : unreachable;
            }
            if (stale) {
                since.add(base.lastChangedAt() != null ? base.lastChangedAt() : built.get().finishedAt());
            }
            if (upstreamStale) {
                since.add(upstreamFreshness.since());
                upstreamBehind = upstreamBehind == null ? upstreamFreshness : upstreamBehind;
            }
        }
        if (built.isEmpty()) {
            since.add(task.createdAt());
        } else if (behind.isEmpty()) {
            return TaskFreshness.upToDate(task.name(), task.images());
        }
        Instant first = since.stream().filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        return explain(task, unreachable, upstreamBehind, behind, first);
    }

    /** A base whose digest the build did not record counts as stale when it changed after the run was created. */
    private static boolean isStale(BaseState base, String builtDigest, RunSummary built) {
        if (base.digest() == null) {
            return false;
        }
        if (builtDigest != null) {
            return !builtDigest.equals(base.digest());
        }
        return base.lastChangedAt() != null && base.lastChangedAt().isAfter(built.createdAt());
    }

    private static TaskFreshness explain(TaskNode task, BehindBase unreachable, TaskFreshness upstream,
            List<BehindBase> behind, Instant since) {
        List<BehindBase> bases = List.copyOf(behind);
        if (unreachable != null) {
            return new TaskFreshness(task.name(), false, Reason.BASE_UNREACHABLE, since, "base " + unreachable.reference()
                    + " is " + unreachable.status() + (unreachable.error() == null ? "" : ": " + unreachable.error()),
                    null, task.images(), bases);
        }
        Optional<RunSummary> active = task.oldestActive();
        if (active.isPresent()) {
            RunSummary run = active.get();
            boolean queued = run.status() == RunStatus.Queued;
            return new TaskFreshness(task.name(), false, queued ? Reason.QUEUED : Reason.BUILDING, since,
                    "run #" + run.id() + (queued ? " is waiting in the queue" : " is building"), run.id(),
                    task.images(), bases);
        }
        Optional<RunSummary> failed = task.latestFinished().filter(r -> r.status() != RunStatus.Succeeded
                && (task.lastSucceeded().isEmpty() || r.id() > task.lastSucceeded().get().id()));
        if (failed.isPresent()) {
            RunSummary run = failed.get();
            return new TaskFreshness(task.name(), false, Reason.RUN_FAILED, since, "run #" + run.id() + " ended "
                    + run.status() + (run.error() == null ? "" : ": " + run.error()), run.id(), task.images(), bases);
        }
        if (upstream != null) {
            return new TaskFreshness(task.name(), false, Reason.UPSTREAM_BEHIND, since, "task " + upstream.task()
                    + ", whose image it builds FROM, is behind (" + upstream.reason().wire() + ")", null, task.images(), bases);
        }
        if (task.lastSucceeded().isEmpty()) {
            return new TaskFreshness(task.name(), false, Reason.NEVER_BUILT, since, "no run has succeeded yet", null,
                    task.images(), bases);
        }
        BehindBase first = bases.get(0);
        return new TaskFreshness(task.name(), false, Reason.OUTDATED, since, "built from "
                + (first.builtDigest() == null ? "an older digest" : first.builtDigest()) + " of " + first.reference()
                + "; the current digest is " + first.currentDigest() + " and no run is queued yet", null, task.images(), bases);
    }
}
