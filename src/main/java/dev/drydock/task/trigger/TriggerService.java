package dev.drydock.task.trigger;

import dev.drydock.graph.DependencyGraph;
import dev.drydock.graph.GraphEdge;
import dev.drydock.logging.LogText;
import dev.drydock.outbox.ProcessedEvents;
import dev.drydock.problem.ProblemException;
import dev.drydock.task.Task;
import dev.drydock.task.TaskService;
import dev.drydock.task.run.Cause;
import dev.drydock.task.run.Run;
import dev.drydock.task.run.RunService;
import dev.drydock.task.run.RunTrigger;
import dev.drydock.watch.BaseChanged;
import dev.drydock.watch.BaseService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Turns each kind of trigger into runs, once per cause. */
@ApplicationScoped
public class TriggerService {

    private static final Logger LOG = Logger.getLogger(TriggerService.class);
    static final String BASE_CHANGE_CONSUMER = "task-triggers";

    @Inject
    ProcessedEvents processed;

    @Inject
    DependencyGraph graph;

    @Inject
    RunService runs;

    @Inject
    TaskService tasks;

    @Inject
    BaseService bases;

    @Inject
    EntityManager em;

    /**
     * A base changed: every task that builds FROM it (directly; cascades arrive as their own events) gets a run
     * pinned to the new digest. A task with a queued run has that run re-pinned instead, so a burst of changes
     * builds once with the newest digest. The same event twice does nothing the second time, and an event whose
     * digest the watch has since moved past does nothing at all: the newer change's own event does the work.
     * A task whose newest build (in progress or succeeded) already has the digest gets nothing either.
     *
     * @return ids of runs created or re-pinned
     */
    @Transactional
    public List<Long> onBaseChanged(UUID eventId, BaseChanged change) {
        if (!processed.markProcessed(BASE_CHANGE_CONSUMER, eventId)) {
            LOG.debugf("base change %s already handled", eventId);
            return List.of();
        }
        if (bases.supersedes(change.reference(), change.platform(), change.digest())) {
            LOG.infof("base change %s of %s to %s is superseded: the watch has recorded a newer digest since",
                    eventId, LogText.escape(change.reference()), LogText.escape(change.digest()));
            return List.of();
        }
        Cause cause = Cause.baseChange(eventId.toString(), change.reference(), change.previousDigest(), change.digest(),
                change.detectedBy().wire(), change.runId(), upstreamTask(change.runId()), change.detectedAt())
                .withUpstream(change.upstream() == null ? null : new Cause.Upstream(change.upstream().reference(),
                        change.upstream().previousDigest(), change.upstream().digest()));
        List<Long> affected = new ArrayList<>();
        for (Map.Entry<String, Boolean> dependent : graph.directDependents(change.reference()).entrySet()) {
            // Each dependent's rows are written and let go before the next: otherwise every query of a large
            // fan-out checks every entity loaded so far for changes, and 200 dependents cost seconds of CPU.
            em.flush();
            em.clear();
            Task task = Task.byName(dependent.getKey()).flatMap(t -> Task.lock(t.id)).orElse(null);
            if (task == null || !task.baseEnabled || (!dependent.getValue() && !"all".equals(task.baseScope))) {
                continue;
            }
            Optional<Run> queued = Run.lockQueuedFor(task.id);
            if (queued.isPresent()) {
                runs.repin(queued.get(), change.reference(), change.digest(), cause);
                affected.add(queued.get().id);
                continue;
            }
            if (buildingOrBuilt(task, change)) {
                continue;
            }
            Map<String, String> pins = pins(task);
            pins.put(change.reference(), change.digest());
            runs.create(new RunService.NewRun(task, RunTrigger.ImageUpdate, cause, pins, null, null, Map.of(), null))
                    .ifPresent(run -> affected.add(run.id));
        }
        return affected;
    }

    /**
     * Whether the task's newest build (in progress or succeeded) already has this digest: a run pins the watch's
     * digest when it starts, so it may have taken this change before the change's own event arrived.
     */
    private boolean buildingOrBuilt(Task task, BaseChanged change) {
        Optional<Run> latest = Run.latestBuildingOrBuilt(task.id);
        if (latest.isPresent() && change.digest().equals(runs.pinned(latest.get()).get(change.reference()))) {
            LOG.debugf("base change of %s to %s: run %d of %s already builds it", change.reference(), change.digest(),
                    latest.get().id, task.name);
            return true;
        }
        return false;
    }

    /**
     * A run ended Succeeded, but a base it was pinned to has moved on since (its change event was lost, or came
     * while nothing could take it): one follow-up run is queued, unless the task already has a run to come, which
     * pins the current digest when it starts.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Run> followUpIfBehind(Run succeeded) {
        Task task = Task.lock(succeeded.taskId).orElse(null);
        if (task == null || !task.baseEnabled || Run.otherActive(task.id, succeeded.id)) {
            return Optional.empty();
        }
        Map<String, String> pinned = runs.pinned(succeeded);
        Map<String, String> current = bases.currentDigests(pinned.keySet());
        Optional<Map.Entry<String, String>> moved = current.entrySet().stream()
                .filter(e -> !e.getValue().equals(pinned.get(e.getKey())))
                .filter(e -> triggersRebuild(task, e.getKey()))
                .findFirst();
        if (moved.isEmpty()) {
            return Optional.empty();
        }
        String reference = moved.get().getKey();
        LOG.infof("run %d of %s built %s at %s, the watch has %s now: queueing a follow-up", succeeded.id,
                LogText.escape(task.name), LogText.escape(reference), LogText.escape(pinned.get(reference)),
                LogText.escape(moved.get().getValue()));
        return runs.create(new RunService.NewRun(task, RunTrigger.ImageUpdate,
                Cause.followUp(reference, pinned.get(reference), moved.get().getValue(), Instant.now()), pins(task),
                null, null, Map.of(), null));
    }

    /** Whether a change of {@code reference} rebuilds the task: a runtime base, or any stage with scope all. */
    private boolean triggersRebuild(Task task, String reference) {
        Boolean runtime = graph.directDependents(reference).get(task.name);
        return runtime != null && (runtime || "all".equals(task.baseScope));
    }

    /** A run someone asked for; it always runs (no coalescing). */
    @Transactional
    public Run manual(String taskName, Optional<String> ref, Optional<String> commit, Map<String, String> args) {
        Task task = tasks.get(taskName);
        if ((ref.isPresent() || commit.isPresent()) && (tasks.spec(task).source() == null
                || tasks.spec(task).source().git() == null)) {
            throw ProblemException.badRequest(ref.isPresent() ? "ref" : "commit", "task '" + taskName + "' has no git source");
        }
        commit.ifPresent(c -> {
            if (!c.matches("[0-9a-f]{7,40}")) {
                throw ProblemException.badRequest("commit", "commit must be 7 to 40 lower-case hex characters");
            }
        });
        return runs.create(new RunService.NewRun(task, RunTrigger.Manual, Cause.manual(Instant.now()), pins(task),
                ref.orElse(null), commit.orElse(null), args, null)).orElseThrow();
    }

    /** A timer fired; {@code scheduledAt} makes a second firing of the same occurrence a no-op. */
    @Transactional
    public Optional<Run> timer(String taskName, String timer, Instant scheduledAt) {
        Optional<Task> task = Task.byName(taskName);
        if (task.isEmpty()) {
            return Optional.empty();
        }
        return runs.create(new RunService.NewRun(task.get(), RunTrigger.Timer, Cause.timer(timer, scheduledAt),
                pins(task.get()), null, null, Map.of(), "timer:" + taskName + ":" + timer + ":" + scheduledAt.toEpochMilli()));
    }

    /** A pushed commit for a task; one run per task and delivery. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Run> commit(Task task, Cause cause, String ref) {
        return runs.create(new RunService.NewRun(task, RunTrigger.Commit, cause, pins(task), ref, cause.commit(), Map.of(),
                "commit:" + task.name + ":" + cause.provider() + ":" + cause.delivery()));
    }

    /** The digests the task's bases have now, as the watch knows them; the worker resolves any left out. */
    private Map<String, String> pins(Task task) {
        List<String> references = graph.dependenciesOf(task.id).stream().filter(e -> !e.pinned())
                .map(GraphEdge::reference).toList();
        return new LinkedHashMap<>(bases.currentDigests(references));
    }

    private String upstreamTask(Long runId) {
        return runId == null ? null : Run.<Run>findByIdOptional(runId).map(r -> r.taskName).orElse(null);
    }
}
