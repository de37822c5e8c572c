package dev.drydock.rebuild.worker;

import dev.drydock.concurrent.Backoff;
import dev.drydock.graph.buildfile.BuildahDockerfile;
import dev.drydock.graph.buildfile.Dependency;
import dev.drydock.graph.buildfile.Engine;
import dev.drydock.graph.buildfile.EngineChoice;
import dev.drydock.graph.buildfile.EngineRefusedException;
import dev.drydock.rebuild.engine.BuildahBuilder;
import dev.drydock.rebuild.engine.BuildahRequest;
import dev.drydock.registry.credential.CredentialService;
import dev.drydock.rebuild.engine.BuildException;
import dev.drydock.rebuild.engine.BuildRequest;
import dev.drydock.rebuild.engine.BuildResult;
import dev.drydock.rebuild.engine.ImageRebaser;
import dev.drydock.rebuild.engine.JibImageBuilder;
import dev.drydock.source.CheckoutFiles;
import dev.drydock.source.GitUrlPolicy;
import dev.drydock.source.SourceCheckout;
import dev.drydock.source.SourceException;
import dev.drydock.concurrent.DaemonThreads;
import dev.drydock.graph.buildfile.BuildFileAnalysis;
import dev.drydock.graph.buildfile.BuildFileAnalyzer;
import dev.drydock.graph.buildfile.BuildFileKind;
import dev.drydock.graph.buildfile.BuildFileSyntaxException;
import dev.drydock.graph.buildfile.ImageRecipe;
import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import dev.drydock.outbox.Outages;
import dev.drydock.logging.LogText;
import dev.drydock.registry.CredentialLookup;
import dev.drydock.registry.Descriptor;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryClientProducer;
import dev.drydock.registry.RegistryConfig;
import dev.drydock.registry.RegistryException;
import dev.drydock.registry.RegistrySettingsProvider;
import dev.drydock.task.BuildFileSource;
import dev.drydock.task.ImageTimestamp;
import dev.drydock.task.Task;
import dev.drydock.task.TaskService;
import dev.drydock.task.TaskSpec;
import dev.drydock.task.run.Run;
import dev.drydock.task.run.RunLane;
import dev.drydock.task.run.RunLog;
import dev.drydock.task.run.RunService;
import dev.drydock.task.run.RunStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Builds one run: claims it, checks out its source, re-reads the build file, pins the base by digest, builds
 * with Jib, pushes, and records the outcome. While it builds it renews its lease and watches for a cancel
 * request or the task's timeout, interrupting Jib when either comes.
 */
@ApplicationScoped
public class RunExecutor {

    private static final Logger LOG = Logger.getLogger(RunExecutor.class);

    @Inject
    RunClaims claims;

    @Inject
    RunService runs;

    @Inject
    RunLog log;

    @Inject
    TaskService tasks;

    @Inject
    BuildFileAnalyzer analyzer;

    @Inject
    RegistryClient registry;

    @Inject
    RegistryConfig registryConfig;

    @Inject
    CredentialLookup credentials;

    @Inject
    WorkerConfig config;

    @Inject
    MeterRegistry meters;

    @Inject
    JibImageBuilder builder;

    @Inject
    BuildahBuilder buildah;

    @Inject
    CredentialService credentialSets;

    @Inject
    ImageRebaser rebaser;

    @Inject
    SourceCheckout sources;

    @Inject
    WorkDirectory workDirectory;

    /** This process's name in leases: host + random, so a restarted process is a different worker. */
    private final String worker = hostname() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private ScheduledExecutorService heartbeats;
    private RegistrySettingsProvider registrySettings;

    @PostConstruct
    void init() {
        heartbeats = Executors.newScheduledThreadPool(1, DaemonThreads.named("run-heartbeat"));
        registrySettings = RegistryClientProducer.settingsOf(registryConfig);
    }

    /**
     * The service is stopping (before the database closes): builds in progress are interrupted, hand their runs
     * back, and leave their requests unacknowledged; nothing new starts.
     */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        builders.values().forEach(Thread::interrupt);
        Instant deadline = Instant.now().plus(config.stopGrace());
        while (!builders.isEmpty() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!builders.isEmpty()) {
            LOG.warnf("stopping with runs %s still building; their leases expire on their own", builders.keySet());
        }
    }

    @PreDestroy
    void shutdown() {
        heartbeats.shutdownNow();
    }

    /** Whether the service is stopping: a failure now is the shutdown's, not the request's. */
    public boolean stopping() {
        return stopping;
    }

    public String worker() {
        return worker;
    }

    private final Set<RunLane> pausedLanes = ConcurrentHashMap.newKeySet();
    /** Runs a thread of this process is claiming or building: the lease is the process's, so guard it here. */
    private final Set<Long> building = ConcurrentHashMap.newKeySet();
    /** The thread building each run, to interrupt when the service stops. */
    private final Map<Long, Thread> builders = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /** Stops starting builds (drain mode); builds in progress go on. Requests wait unacknowledged. */
    public void pause() {
        pausedLanes.addAll(EnumSet.allOf(RunLane.class));
    }

    /** Stops starting builds of one lane's requests only. */
    public void pause(RunLane lane) {
        pausedLanes.add(lane);
    }

    public void resume() {
        pausedLanes.clear();
    }

    public boolean paused() {
        return pausedLanes.size() == RunLane.values().length;
    }

    /** Builds the run as lease recovery does: outside any lane, held back only when every lane is paused. */
    public void execute(long runId) {
        execute(runId, null);
    }

    /**
     * Builds the run unless it is finished, or waits while another live worker holds it or an earlier run of the
     * same task is still going. An attempt that failed only because a registry was unreachable is tried again after
     * a backoff, up to {@code drydock.worker.max-attempts}. A failure of PostgreSQL is thrown (the caller waits it out,
     * see {@link dev.drydock.outbox.Outages}) and never ends the run.
     *
     * @param lane the lane whose request this is, or null for a run lease recovery found
     * @throws UnknownRunException when there is no such run
     */
    public void execute(long runId, RunLane lane) {
        while (!stopping && (lane == null ? paused() : pausedLanes.contains(lane))) {
            if (!sleepUntil(Instant.now().plusMillis(200))) {
                return;
            }
        }
        Instant giveUp = Instant.now().plus(config.orphanAfter());
        while (!stopping && Instant.now().isBefore(giveUp)) {
            Instant next;
            if (!building.add(runId)) {
                next = Instant.now().plus(config.heartbeat());
            } else {
                try {
                    RunClaims.Claim claim = claims.claim(runId, worker);
                    switch (claim.state()) {
                        case MISSING -> throw new UnknownRunException(runId);
                        case FINISHED -> {
                            return;
                        }
                        case BUSY -> next = claim.busyUntil();
                        default -> {
                            Optional<Instant> retryAt = build(runId, claim.attempt());
                            if (retryAt.isEmpty()) {
                                return;
                            }
                            next = retryAt.get();
                            giveUp = next.plus(config.orphanAfter());
                        }
                    }
                } finally {
                    building.remove(runId);
                }
            }
            if (!sleepUntil(next)) {
                return;
            }
        }
    }

    /** One attempt; returns when to try again when it failed only because a registry was unreachable. */
    private Optional<Instant> build(long runId, int attempt) {
        Thread thread = Thread.currentThread();
        builders.put(runId, thread);
        try {
            return attempt(runId, attempt, thread);
        } finally {
            builders.remove(runId);
        }
    }

    private Optional<Instant> attempt(long runId, int attempt, Thread thread) {
        AtomicReference<RunStatus> stop = new AtomicReference<>();
        Run run = QuarkusTransaction.requiringNew().call(() -> runs.get(runId));
        Task task = QuarkusTransaction.requiringNew().call(() -> tasks.get(run.taskName));
        TaskSpec spec = tasks.spec(task);
        Duration timeout = Duration.ofSeconds(spec.timeoutSeconds() == null ? 3600 : spec.timeoutSeconds());
        Instant started = run.startedAt == null ? Instant.now() : run.startedAt;
        // Once the attempt is over, a renewal still in flight must not interrupt the thread's next work.
        AtomicBoolean attemptOver = new AtomicBoolean();
        Runnable interrupt = () -> {
            synchronized (attemptOver) {
                if (!attemptOver.get()) {
                    thread.interrupt();
                }
            }
        };
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> {
            try {
                RunClaims.Heartbeat beat = claims.renew(runId, worker);
                if (!beat.owned()) {
                    stop.compareAndSet(null, RunStatus.Error);
                    interrupt.run();
                } else if (beat.cancelRequested()) {
                    stop.compareAndSet(null, RunStatus.Canceled);
                    interrupt.run();
                } else if (Instant.now().isAfter(started.plus(timeout))) {
                    stop.compareAndSet(null, RunStatus.Timeout);
                    interrupt.run();
                }
            } catch (RuntimeException e) {
                LOG.warnf("run %d: lease renewal failed: %s", runId, LogText.escape(e.getMessage()));
            }
        }, 0, config.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        step(runId, "build started by " + worker + " (attempt " + attempt + ")");
        long t0 = System.nanoTime();
        RunStatus outcome = RunStatus.Error;
        boolean released = false;
        // a rebase task has no source: no workspace (try-with-resources skips a null resource)
        try (Workspace workspace = spec.rebasing() ? null : Workspace.prepare(sources, workDirectory.runs(), spec,
                Optional.ofNullable(run.gitCommit), Optional.ofNullable(run.gitRef), credentials)) {
            if (spec.rebasing()) {
                outcome = rebaseRun(runId, run, spec, stop);
                return Optional.empty();
            }
            step(runId, workspace.commit() == null ? "source: inline files of task " + task.name
                    : "checked out " + GitUrlPolicy.redact(spec.source().git().url()) + " at " + workspace.commit());
            checkStopped(stop);
            String buildFile;
            try {
                buildFile = new String(CheckoutFiles.read(workspace.context(), spec.buildFile(),
                        BuildFileSource.MAX_BUILD_FILE_BYTES), StandardCharsets.UTF_8);
            } catch (SourceException e) {
                outcome = end(runId, RunStatus.Failed, e.kind() == SourceException.Kind.NOT_FOUND
                        ? "build file " + spec.buildFile() + " not found in the source"
                        : "build file " + e.getMessage());
                return Optional.empty();
            }
            Map<String, String> args = new LinkedHashMap<>(spec.args());
            args.putAll(runs.args(run));
            Optional<Platform> platform = spec.platforms().stream().findFirst().map(Platform::parse);
            BuildFileAnalysis analysis;
            try {
                analysis = analyzer.analyze(BuildFileKind.ofFileName(spec.buildFile()), buildFile, args, platform);
            } catch (BuildFileSyntaxException e) {
                outcome = end(runId, RunStatus.Failed, spec.buildFile() + " line " + e.line() + ": " + e.detail());
                return Optional.empty();
            }
            EngineChoice engine;
            try {
                engine = analysis.engineFor(Engine.parse(spec.engine()));
            } catch (EngineRefusedException e) {
                outcome = end(runId, RunStatus.Failed, "the build file cannot be built here: " + e.getMessage());
                return Optional.empty();
            }
            step(runId, "engine: " + engine.engine().wire() + " (" + engine.reason() + ")");
            Map<String, String> pins = runs.pinned(run);
            Map<String, String> resolved = new LinkedHashMap<>();
            // Jib pins the recipe's base; buildah every stage's FROM image.
            Map<Integer, ImageReference> stagePins = new LinkedHashMap<>();
            Map<Integer, ImageReference> copyPins = new LinkedHashMap<>();
            List<Dependency> froms = engine.engine() == Engine.BUILDAH
                    ? analysis.dependencies().stream().filter(d -> d.via() != Dependency.Via.RUN_MOUNT).toList()
                    : analysis.runtimeDependency().stream().toList();
            Optional<ImageReference> pinnedBase = Optional.empty();
            for (Dependency from : froms) {
                ImageReference base = from.reference();
                String digest = base.digest().map(Digest::toString).orElse(pins.get(base.toString()));
                if (digest == null && resolved.containsKey(base.toString())) {
                    digest = resolved.get(base.toString());
                } else if (digest == null) {
                    Optional<Descriptor> head = registry.headManifest(base);
                    if (head.isEmpty()) {
                        outcome = end(runId, RunStatus.Failed, "base image " + base + " does not exist");
                        return Optional.empty();
                    }
                    digest = head.get().digest().toString();
                    step(runId, "resolved base " + base + " to " + digest + " (not pinned by the trigger)");
                } else {
                    step(runId, "base " + base + " pinned to " + digest + (engine.engine() == Engine.BUILDAH
                            ? " (stage " + from.stage() + (from.runtime() ? ", runtime" : from.via() == Dependency.Via.FROM
                                    ? ", build" : ", " + from.via().text() + " line " + from.line()) + ")" : ""));
                }
                resolved.put(base.toString(), digest);
                ImageReference pinned = base.withDigest(Digest.parse(digest));
                if (from.via() == Dependency.Via.COPY_FROM) {
                    copyPins.put(from.line(), pinned);
                    continue;
                }
                stagePins.put(from.stage(), pinned);
                if (from.runtime()) {
                    pinnedBase = Optional.of(pinned);
                }
            }
            String commit = workspace.commit();
            if (!claims.running(runId, worker, resolved, commit)) {
                return Optional.empty();
            }
            checkStopped(stop);
            // Fixed (the epoch or the commit's time), so that an unchanged input builds the same digest.
            Instant created = ImageTimestamp.of(spec, workspace.commitTime());
            List<ImageReference> targets = targets(spec, run, commit);
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("org.opencontainers.image.source", spec.source().git() != null
                    ? GitUrlPolicy.redact(spec.source().git().url()) : "drydock:task/" + task.name);
            if (commit != null) {
                labels.put("org.opencontainers.image.revision", commit);
            }
            labels.put("org.opencontainers.image.created", created.toString());
            BuildResult result;
            if (engine.engine() == Engine.BUILDAH) {
                List<ImageReference> pulled = new ArrayList<>(stagePins.values());
                pulled.addAll(copyPins.values());
                BuildahRequest request = new BuildahRequest(BuildahDockerfile.rewrite(buildFile, stagePins, copyPins),
                        workspace.context(), pinnedBase, pulled, targets,
                        spec.platforms().stream().map(Platform::parse).toList(), labels, args, secrets(spec),
                        credentials, plainHttp(pulled, targets));
                result = buildah.build(request, message -> step(runId, message));
            } else {
                ImageRecipe recipe = analysis.recipe().orElseThrow();
                BuildRequest request = new BuildRequest(recipe, workspace.context(), pinnedBase, targets,
                        spec.platforms().stream().map(Platform::parse).toList(), labels, credentials,
                        plainHttp(pinnedBase.stream().toList(), targets), Optional.of(created));
                result = builder.build(request, message -> step(runId, message));
            }
            checkStopped(stop);
            step(runId, (result.unchanged() ? "unchanged: the target already holds " : "pushed ") + result.digest()
                    + " to " + String.join(", ", result.pushedTags()));
            List<String> pushed = targets.stream().map(ImageReference::toString).toList();
            if (claims.succeed(runId, worker, result.digest(), result.mediaType(), result.unchanged(), pushed)) {
                outcome = RunStatus.Succeeded;
            }
            if (spec.source().git() != null && commit != null) {
                reanalyse(task.name, commit);
            }
        } catch (BuildException e) {
            boolean unreachable = e.temporary() && e.kind() != BuildException.Kind.CANCELED;
            if (unreachable && stop.get() == null && attempt < config.maxAttempts()) {
                return Optional.of(retryLater(runId, attempt, e.getMessage()));
            }
            if (handedBack(runId, stop, e.kind() == BuildException.Kind.CANCELED)) {
                released = true;
                return Optional.empty();
            }
            RunStatus status = stop.get() != null ? stop.get()
                    : e.temporary() ? RunStatus.Error : RunStatus.Failed;
            outcome = end(runId, status, reason(stop.get(), e.getMessage(), timeout) + attempts(unreachable, attempt));
        } catch (RegistryException e) {
            if (e.temporary() && stop.get() == null && attempt < config.maxAttempts()) {
                return Optional.of(retryLater(runId, attempt, e.getMessage()));
            }
            RunStatus status = stop.get() != null ? stop.get() : RunStatus.Error;
            outcome = end(runId, status, reason(stop.get(), e.getMessage(), timeout) + attempts(e.temporary(), attempt));
        } catch (SourceException e) {
            if (handedBack(runId, stop, e.kind() == SourceException.Kind.CANCELED)) {
                released = true;
                return Optional.empty();
            }
            RunStatus status = stop.get() != null ? stop.get()
                    : e.temporary() ? RunStatus.Error : RunStatus.Failed;
            outcome = end(runId, status, reason(stop.get(), e.getMessage(), timeout));
        } catch (InterruptedException e) {
            if (handedBack(runId, stop, true)) {
                released = true;
                return Optional.empty();
            }
            outcome = end(runId, stop.get(), reason(stop.get(), "interrupted", timeout));
        } catch (Exception e) {
            if (Outages.isOutage(e)) {
                // PostgreSQL is away: the run is neither failed nor done; the caller waits and builds it again.
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            RunStatus status = stop.get() != null ? stop.get() : RunStatus.Error;
            LOG.warnf(LogText.escape(e), "run %d failed", runId);
            outcome = end(runId, status, reason(stop.get(), String.valueOf(e.getMessage()), timeout));
        } finally {
            synchronized (attemptOver) {
                attemptOver.set(true);
            }
            heartbeat.cancel(false);
            Thread.interrupted();
            if (released) {
                // The service is stopping: tell the caller, so it leaves the request unacknowledged.
                Thread.currentThread().interrupt();
            }
            meters.timer("drydock.build.duration", "status", outcome.name()).record(Duration.ofNanos(System.nanoTime() - t0));
        }
        return Optional.empty();
    }

    /**
     * The run of a rebase task: pins the image CI pushed and its base, rebases the one onto the other and pushes to
     * every target. Its failures are thrown to {@link #build}, which retries an unreachable registry like any build.
     */
    private RunStatus rebaseRun(long runId, Run run, TaskSpec spec, AtomicReference<RunStatus> stop)
            throws BuildException, InterruptedException {
        Map<String, String> pins = runs.pinned(run);
        Map<String, String> resolved = new LinkedHashMap<>();
        Optional<ImageReference> image = pin(runId, "image", ImageReference.parse(spec.rebase().image()), pins, resolved);
        Optional<ImageReference> base = pin(runId, "base", ImageReference.parse(spec.rebase().base()), pins, resolved);
        if (image.isEmpty() || base.isEmpty()) {
            return end(runId, RunStatus.Failed, (image.isEmpty() ? "image " + spec.rebase().image()
                    : "base image " + spec.rebase().base()) + " does not exist");
        }
        if (!claims.running(runId, worker, resolved, null)) {
            return RunStatus.Error;
        }
        checkStopped(stop);
        List<ImageReference> targets = targets(spec, run, null);
        BuildResult result = rebaser.rebase(new ImageRebaser.Request(image.get(), base.get(), targets, credentials,
                plainHttp(List.of(image.get()), plainHttpTargets(base.get(), targets))), message -> step(runId, message));
        checkStopped(stop);
        step(runId, (result.unchanged() ? "unchanged: the target already holds " : "pushed ") + result.digest()
                + " to " + String.join(", ", result.pushedTags()));
        List<String> pushed = targets.stream().map(ImageReference::toString).toList();
        return claims.succeed(runId, worker, result.digest(), result.mediaType(), result.unchanged(), pushed)
                ? RunStatus.Succeeded : RunStatus.Error;
    }

    /** The reference at the digest the trigger pinned, else at its current digest; empty when it does not exist. */
    private Optional<ImageReference> pin(long runId, String what, ImageReference reference, Map<String, String> pins,
            Map<String, String> resolved) {
        String digest = reference.digest().map(Digest::toString).orElse(pins.get(reference.toString()));
        if (digest == null) {
            Optional<Descriptor> head = registry.headManifest(reference);
            if (head.isEmpty()) {
                return Optional.empty();
            }
            digest = head.get().digest().toString();
            step(runId, "resolved " + what + " " + reference + " to " + digest + " (not pinned by the trigger)");
        } else {
            step(runId, what + " " + reference + " pinned to " + digest);
        }
        resolved.put(reference.toString(), digest);
        return Optional.of(reference.withDigest(Digest.parse(digest)));
    }

    private static List<ImageReference> plainHttpTargets(ImageReference base, List<ImageReference> targets) {
        List<ImageReference> all = new ArrayList<>(targets);
        all.add(base);
        return all;
    }

    /** Logs the failed attempt, keeps the run for this worker until the next one, and says when that is. */
    private Instant retryLater(long runId, int attempt, String error) {
        Duration delay = new Backoff(config.retryBackoff(), config.maxRetryBackoff()).after(attempt);
        Instant resumeAt = Instant.now().plus(delay);
        step(runId, "attempt " + attempt + " of " + config.maxAttempts() + " failed, a registry was unreachable: " + error
                + "; trying again in " + delay.toSeconds() + " s");
        meters.counter("drydock.run.retries").increment();
        LOG.infof("run %d: attempt %d of %d failed, a registry was unreachable (%s); trying again in %d s", runId, attempt,
                config.maxAttempts(), LogText.escape(error), delay.toSeconds());
        claims.holdUntil(runId, worker, resumeAt);
        return resumeAt;
    }

    /**
     * Interrupted with no cancel request or timeout: the service is stopping. The run is not over; its lease ends
     * now so another replica (or this one, restarted) builds it again at once instead of after the lease.
     *
     * @return whether the run was handed back (false when the interruption was a cancel or the timeout)
     */
    private boolean handedBack(long runId, AtomicReference<RunStatus> stop, boolean interrupted) {
        if (!interrupted || stop.get() != null) {
            return false;
        }
        try {
            step(runId, "worker " + worker + " is stopping; the run will be built again");
            claims.release(runId, worker);
        } catch (RuntimeException e) {
            LOG.infof("run %d: could not release the lease while stopping (%s); it expires on its own", runId,
                    LogText.escape(e.getMessage()));
        }
        return true;
    }

    private String attempts(boolean unreachable, int attempt) {
        return unreachable && attempt > 1 ? " (after " + attempt + " attempts)" : "";
    }

    private RunStatus end(long runId, RunStatus status, String error) {
        step(runId, status + ": " + error);
        claims.end(runId, worker, status, error);
        return status;
    }

    private static String reason(RunStatus stop, String message, Duration timeout) {
        if (stop == RunStatus.Timeout) {
            return "timed out after " + timeout.toSeconds() + " s";
        }
        if (stop == RunStatus.Canceled) {
            return "canceled while building";
        }
        if (stop == RunStatus.Error) {
            return "the worker lost its lease on the run";
        }
        return message;
    }

    private static void checkStopped(AtomicReference<RunStatus> stop) throws InterruptedException {
        if (stop.get() != null || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("stopped: " + stop.get());
        }
    }

    private void step(long runId, String message) {
        log.append(runId, message);
    }

    private void reanalyse(String task, String commit) {
        try {
            tasks.reanalyse(task, Optional.of(commit));
        } catch (RuntimeException e) {
            LOG.warnf("task %s: re-analysis after the run failed: %s", LogText.escape(task), LogText.escape(e.getMessage()));
        }
    }

    /** The task's build secrets in clear: id → the password of the credential set it names. */
    private Map<String, String> secrets(TaskSpec spec) {
        Map<String, String> secrets = new LinkedHashMap<>();
        if (spec.secrets() != null) {
            spec.secrets().forEach((id, credential) -> secrets.put(id, credentialSets.secret(credential)
                    .orElseThrow(() -> new IllegalStateException("the credential set " + credential + " of secret "
                            + id + " is gone"))));
        }
        return secrets;
    }

    static List<ImageReference> targets(TaskSpec spec, Run run, String commit) {
        String date = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(run.createdAt);
        List<ImageReference> targets = new ArrayList<>();
        for (String image : spec.images()) {
            String expanded = image.replaceAll("\\{\\{\\s*run\\.id\\s*}}", "run-" + run.id)
                    .replaceAll("\\{\\{\\s*git\\.commit\\s*}}", commit == null ? "inline" : commit)
                    .replaceAll("\\{\\{\\s*git\\.short\\s*}}", commit == null ? "inline" : commit.substring(0, 7))
                    .replaceAll("\\{\\{\\s*date\\s*}}", date);
            targets.add(ImageReference.parse(expanded));
        }
        return targets;
    }

    private Set<String> plainHttp(java.util.Collection<ImageReference> bases, List<ImageReference> targets) {
        Set<String> hosts = new HashSet<>();
        bases.forEach(b -> hosts.add(b.registry()));
        targets.forEach(t -> hosts.add(t.registry()));
        hosts.removeIf(h -> !registrySettings.forRegistry(h).insecure());
        return hosts;
    }

    /** False when interrupted (the service is stopping). */
    private static boolean sleepUntil(Instant until) {
        try {
            Thread.sleep(Math.max(200, Math.min(Duration.between(Instant.now(), until).toMillis() + 100, 30_000)));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "worker";
        }
    }
}
