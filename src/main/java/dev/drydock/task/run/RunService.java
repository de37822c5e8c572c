package dev.drydock.task.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.outbox.Outbox;
import dev.drydock.problem.ProblemException;
import dev.drydock.task.Task;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates runs and moves them between statuses. Every change is committed with its events through the outbox:
 * a new run with {@code dev.drydock.rebuild.requested} and {@code dev.drydock.run.queued}, each later status with
 * its {@code dev.drydock.run.<status>}.
 */
@ApplicationScoped
public class RunService {

    private static final TypeReference<List<Cause>> CAUSES = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager em;

    @Inject
    RunMetrics metrics;

    /** What a new run should be. {@code dedupeKey}: a second request with the same key creates nothing. */
    public record NewRun(Task task, RunTrigger trigger, Cause cause, Map<String, String> pinned, String gitRef,
            String gitCommit, Map<String, String> args, String dedupeKey) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Run> create(NewRun request) {
        if (request.dedupeKey() != null && Run.byDedupeKey(request.dedupeKey()).isPresent()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Run run = new Run();
        run.taskId = request.task().id;
        run.taskName = request.task().name;
        run.trigger = request.trigger();
        run.status = RunStatus.Queued;
        run.cause = write(List.of(request.cause()));
        run.pinned = write(request.pinned());
        run.gitRef = request.gitRef();
        run.gitCommit = request.gitCommit();
        run.args = write(request.args() == null ? Map.of() : request.args());
        run.dedupeKey = request.dedupeKey();
        run.createdAt = now;
        run.updatedAt = now;
        run.persist();
        outbox.append(RunLane.of(run.trigger).request(), run.taskName, "run/" + run.id, new RebuildRequested(run.id,
                run.taskName, run.trigger, causes(run), pinned(run), run.gitCommit));
        publish(run);
        return Optional.of(run);
    }

    /**
     * A newer base digest for a run still waiting: it builds with the newest, and remembers why. The run must be
     * locked and Queued ({@link Run#lockQueuedFor}); a run that left Queued is never re-pinned.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void repin(Run queued, String reference, String digest, Cause cause) {
        if (queued.status != RunStatus.Queued) {
            throw new IllegalStateException("run " + queued.id + " is " + queued.status + ", not Queued: it cannot be re-pinned");
        }
        addPins(queued, Map.of(reference, digest));
        List<Cause> causes = new ArrayList<>(causes(queued));
        causes.add(cause);
        queued.cause = write(causes);
        queued.updatedAt = Instant.now();
    }

    /** Locks the run for a status change; empty when it does not exist. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Run> lock(long runId) {
        return Optional.ofNullable(em.find(Run.class, runId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Moves a run to {@code status} and announces it; final statuses set the finish time. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void transition(Run run, RunStatus status) {
        Instant now = Instant.now();
        run.status = status;
        run.updatedAt = now;
        if (status == RunStatus.Started && run.startedAt == null) {
            run.startedAt = now;
            metrics.started(causes(run), now);
        }
        if (status.isFinal()) {
            run.finishedAt = now;
            run.leaseOwner = null;
            run.leaseUntil = null;
        }
        publish(run);
    }

    /** Cancels a queued run at once; asks a running one to stop (its worker ends it as Canceled between steps). */
    @Transactional
    public Run cancel(long runId) {
        Run run = lock(runId).orElseThrow(() -> ProblemException.notFound("run", runId));
        if (run.status.isFinal()) {
            throw ProblemException.conflict("run " + runId + " has already ended as " + run.status);
        }
        run.cancelRequested = true;
        if (run.status == RunStatus.Queued) {
            run.error = "canceled before it started";
            transition(run, RunStatus.Canceled);
        }
        return run;
    }

    public Run get(long runId) {
        return Run.<Run>findByIdOptional(runId).orElseThrow(() -> ProblemException.notFound("run", runId));
    }

    public List<Run> list(Optional<String> task, Optional<RunStatus> status, Optional<RunTrigger> trigger, int page, int size) {
        RunQuery query = RunQuery.of(task, status, trigger);
        return Run.<Run>find(query.where() + " order by id desc", query.params()).page(Page.of(page, size)).list();
    }

    public long count(Optional<String> task, Optional<RunStatus> status, Optional<RunTrigger> trigger) {
        RunQuery query = RunQuery.of(task, status, trigger);
        return Run.count(query.where(), query.params());
    }

    private record RunQuery(String where, Map<String, Object> params) {
        static RunQuery of(Optional<String> task, Optional<RunStatus> status, Optional<RunTrigger> trigger) {
            StringBuilder where = new StringBuilder("1 = 1");
            Map<String, Object> params = new LinkedHashMap<>();
            task.ifPresent(t -> {
                where.append(" and taskName = :task");
                params.put("task", t);
            });
            status.ifPresent(s -> {
                where.append(" and status = :status");
                params.put("status", s);
            });
            trigger.ifPresent(t -> {
                where.append(" and trigger = :trigger");
                params.put("trigger", t);
            });
            return new RunQuery(where.toString(), params);
        }
    }

    public RunView view(Run run) {
        return new RunView(run.id, run.taskName, run.trigger, run.status, causes(run), pinned(run), run.gitRef,
                run.gitCommit, read(run.args, STRINGS), read(run.outputs, LIST), run.outputDigest, run.unchanged,
                run.error, run.attempt, run.worker, run.createdAt, run.startedAt, run.finishedAt);
    }

    public List<Cause> causes(Run run) {
        return read(run.cause, CAUSES);
    }

    public Map<String, String> pinned(Run run) {
        return read(run.pinned, STRINGS);
    }

    public Map<String, String> args(Run run) {
        return read(run.args, STRINGS);
    }

    /** Pins more base digests on a run (a later pin of one reference replaces the earlier). */
    public void addPins(Run run, Map<String, String> pins) {
        Map<String, String> all = new LinkedHashMap<>(pinned(run));
        all.putAll(pins);
        run.pinned = write(all);
    }

    public void setOutputs(Run run, List<String> outputs) {
        run.outputs = write(outputs);
    }

    private void publish(Run run) {
        outbox.append(run.status.event(), run.taskName, "run/" + run.id, new RunEvent(run.id, run.taskName, run.status,
                run.trigger, read(run.outputs, LIST), run.outputDigest, run.unchanged, run.error, run.createdAt,
                run.startedAt, run.finishedAt));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
