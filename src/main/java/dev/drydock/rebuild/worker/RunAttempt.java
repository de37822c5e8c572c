package dev.drydock.rebuild.worker;

import dev.drydock.concurrent.Backoff;
import dev.drydock.concurrent.DaemonThreads;
import dev.drydock.image.ImageReference;
import dev.drydock.logging.LogText;
import dev.drydock.outbox.Outages;
import dev.drydock.rebuild.engine.BuildException;
import dev.drydock.rebuild.engine.BuildResult;
import dev.drydock.registry.RegistryException;
import dev.drydock.source.SourceException;
import dev.drydock.task.Task;
import dev.drydock.task.TaskService;
import dev.drydock.task.TaskSpec;
import dev.drydock.task.run.Run;
import dev.drydock.task.run.RunLog;
import dev.drydock.task.run.RunService;
import dev.drydock.task.run.RunStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/**
 * One attempt at a claimed run, as named steps: watch the lease, check out, analyse, pin, build or rebase, record.
 * A step that finds the run cannot be built ends it Failed; an unreachable registry schedules another attempt; a
 * cancel, the timeout or a lost lease ends it so; a stopping service hands it back.
 */
@ApplicationScoped
class RunAttempt {

    private static final Logger LOG = Logger.getLogger(RunAttempt.class);

    @Inject
    RunService runs;

    @Inject
    TaskService tasks;

    @Inject
    RunClaims claims;

    @Inject
    RunLog log;

    @Inject
    WorkerConfig config;

    @Inject
    MeterRegistry meters;

    @Inject
    CheckoutStep checkout;

    @Inject
    AnalyseStep analyse;

    @Inject
    PinStep pin;

    @Inject
    BuildStep build;

    @Inject
    RebaseStep rebase;

    @Inject
    RecordStep record;

    private ScheduledExecutorService heartbeats;
    private Watchdog watchdog;

    @PostConstruct
    void init() {
        heartbeats = Executors.newScheduledThreadPool(1, DaemonThreads.named("run-heartbeat"));
        watchdog = new Watchdog(heartbeats, config.heartbeat(), claims::renew);
    }

    @PreDestroy
    void shutdown() {
        heartbeats.shutdownNow();
    }

    /**
     * @param builder the thread building, interrupted by the watchdog
     * @return when to try again, when the attempt failed only because a registry was unreachable
     */
    Optional<Instant> run(long runId, int attempt, String worker, Thread builder) {
        Run run = QuarkusTransaction.requiringNew().call(() -> runs.get(runId));
        Task task = QuarkusTransaction.requiringNew().call(() -> tasks.get(run.taskName));
        TaskSpec spec = tasks.spec(task);
        Map<String, String> args = new LinkedHashMap<>(spec.args());
        args.putAll(runs.args(run));
        Duration timeout = Duration.ofSeconds(spec.timeoutSeconds() == null ? 3600 : spec.timeoutSeconds());
        RunContext context = new RunContext(runId, attempt, worker, run, task, spec, args, runs.pinned(run), timeout,
                message -> log.append(runId, message));
        Instant started = run.startedAt == null ? Instant.now() : run.startedAt;
        Watchdog.Watch watch = watchdog.watch(runId, worker, started, timeout, builder);
        context.step("build started by " + worker + " (attempt " + attempt + ")");
        long t0 = System.nanoTime();
        RunStatus outcome = RunStatus.Error;
        boolean handedBack = false;
        try {
            outcome = spec.rebasing() ? rebaseTask(context, watch) : buildTask(context, watch);
        } catch (StepFailure e) {
            outcome = end(context, e.status(), e.getMessage());
        } catch (BuildException e) {
            boolean unreachable = e.temporary() && e.kind() != BuildException.Kind.CANCELED;
            if (unreachable && watch.stopReason() == null && attempt < config.maxAttempts()) {
                return Optional.of(retryLater(context, e.getMessage()));
            }
            if (handBack(context, watch, e.kind() == BuildException.Kind.CANCELED)) {
                handedBack = true;
                return Optional.empty();
            }
            RunStatus status = watch.stopReason() != null ? watch.stopReason()
                    : e.temporary() ? RunStatus.Error : RunStatus.Failed;
            outcome = end(context, status, reason(watch, e.getMessage()) + attempts(unreachable, attempt));
        } catch (RegistryException e) {
            if (e.temporary() && watch.stopReason() == null && attempt < config.maxAttempts()) {
                return Optional.of(retryLater(context, e.getMessage()));
            }
            RunStatus status = watch.stopReason() != null ? watch.stopReason() : RunStatus.Error;
            outcome = end(context, status, reason(watch, e.getMessage()) + attempts(e.temporary(), attempt));
        } catch (SourceException e) {
            if (handBack(context, watch, e.kind() == SourceException.Kind.CANCELED)) {
                handedBack = true;
                return Optional.empty();
            }
            RunStatus status = watch.stopReason() != null ? watch.stopReason()
                    : e.temporary() ? RunStatus.Error : RunStatus.Failed;
            outcome = end(context, status, reason(watch, e.getMessage()));
        } catch (InterruptedException e) {
            if (handBack(context, watch, true)) {
                handedBack = true;
                return Optional.empty();
            }
            outcome = end(context, watch.stopReason(), reason(watch, "interrupted"));
        } catch (Exception e) {
            if (Outages.isOutage(e)) {
                // PostgreSQL is away: the run is neither failed nor done; the caller waits and builds it again.
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            RunStatus status = watch.stopReason() != null ? watch.stopReason() : RunStatus.Error;
            LOG.warnf(LogText.escape(e), "run %d failed", runId);
            outcome = end(context, status, reason(watch, String.valueOf(e.getMessage())));
        } finally {
            watch.close();
            Thread.interrupted();
            if (handedBack) {
                // The service is stopping: tell the caller, so it leaves the request unacknowledged.
                Thread.currentThread().interrupt();
            }
            meters.timer("drydock.build.duration", "status", outcome.name()).record(Duration.ofNanos(System.nanoTime() - t0));
        }
        return Optional.empty();
    }

    private RunStatus buildTask(RunContext context, Watchdog.Watch watch) throws Exception {
        try (Workspace workspace = checkout.checkout(context)) {
            watch.checkStopped();
            AnalyseStep.Analysed analysed = analyse.analyse(context, workspace.context());
            PinStep.Pins pins = pin.pin(context, analysed);
            if (!claims.running(context.runId(), context.worker(), pins.resolved(), workspace.commit())) {
                return RunStatus.Error;
            }
            watch.checkStopped();
            analysed = analyse.route(context, analysed, pins);
            List<ImageReference> targets = Targets.of(context.spec(), context.run(), workspace.commit());
            BuildResult result = build.build(context, workspace, analysed, pins, targets);
            watch.checkStopped();
            return record.record(context, result, targets, workspace.commit());
        }
    }

    private RunStatus rebaseTask(RunContext context, Watchdog.Watch watch) throws Exception {
        PinStep.RebasePins pins = pin.pinRebase(context);
        if (!claims.running(context.runId(), context.worker(), pins.resolved(), null)) {
            return RunStatus.Error;
        }
        watch.checkStopped();
        List<ImageReference> targets = Targets.of(context.spec(), context.run(), null);
        BuildResult result = rebase.rebase(context, pins, targets);
        watch.checkStopped();
        return record.record(context, result, targets, null);
    }

    /** Logs the failed attempt, keeps the run for this worker until the next one, and says when that is. */
    private Instant retryLater(RunContext context, String error) {
        int attempt = context.attempt();
        Duration delay = new Backoff(config.retryBackoff(), config.maxRetryBackoff()).after(attempt);
        Instant resumeAt = Instant.now().plus(delay);
        context.step("attempt " + attempt + " of " + config.maxAttempts() + " failed, a registry was unreachable: "
                + error + "; trying again in " + delay.toSeconds() + " s");
        meters.counter("drydock.run.retries").increment();
        LOG.infof("run %d: attempt %d of %d failed, a registry was unreachable (%s); trying again in %d s",
                context.runId(), attempt, config.maxAttempts(), LogText.escape(error), delay.toSeconds());
        claims.holdUntil(context.runId(), context.worker(), resumeAt);
        return resumeAt;
    }

    /**
     * Interrupted with no cancel request or timeout: the service is stopping. The run is not over; its lease ends
     * now so another replica (or this one, restarted) builds it again at once instead of after the lease.
     *
     * @return whether the run was handed back (false when the interruption was a cancel or the timeout)
     */
    private boolean handBack(RunContext context, Watchdog.Watch watch, boolean interrupted) {
        if (!interrupted || watch.stopReason() != null) {
            return false;
        }
        try {
            context.step("worker " + context.worker() + " is stopping; the run will be built again");
            claims.release(context.runId(), context.worker());
        } catch (RuntimeException e) {
            LOG.infof("run %d: could not release the lease while stopping (%s); it expires on its own",
                    context.runId(), LogText.escape(e.getMessage()));
        }
        return true;
    }

    private RunStatus end(RunContext context, RunStatus status, String error) {
        context.step(status + ": " + error);
        claims.end(context.runId(), context.worker(), status, error);
        return status;
    }

    private static String attempts(boolean unreachable, int attempt) {
        return unreachable && attempt > 1 ? " (after " + attempt + " attempts)" : "";
    }

    private static String reason(Watchdog.Watch watch, String message) {
        RunStatus stop = watch.stopReason();
        if (stop == RunStatus.Timeout) {
            return "timed out after " + watch.timeout().toSeconds() + " s";
        }
        if (stop == RunStatus.Canceled) {
            return "canceled while building";
        }
        if (stop == RunStatus.Error) {
            return "the worker lost its lease on the run";
        }
        return message;
    }
}
