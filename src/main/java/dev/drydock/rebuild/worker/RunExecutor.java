package dev.drydock.rebuild.worker;

import dev.drydock.concurrent.WorkerLoops;
import dev.drydock.task.run.RunLane;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Takes claimed runs through their attempts: waits while its lane is paused or another worker holds the run, claims
 * it, hands it to {@link RunAttempt}, and tries again after a backoff when a registry was unreachable. When the
 * service stops, builds in progress are interrupted and handed back.
 */
@ApplicationScoped
public class RunExecutor {

    private static final Logger LOG = Logger.getLogger(RunExecutor.class);

    @Inject
    RunClaims claims;

    @Inject
    WorkerConfig config;

    @Inject
    RunAttempt attempts;

    /** This process's name in leases: host + random, so a restarted process is a different worker. */
    private final String worker = WorkerLoops.replicaName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final Set<RunLane> pausedLanes = ConcurrentHashMap.newKeySet();
    /** Runs a thread of this process is claiming or building: the lease is the process's, so guard it here. */
    private final Set<Long> building = ConcurrentHashMap.newKeySet();
    /** The thread building each run, to interrupt when the service stops. */
    private final Map<Long, Thread> builders = new ConcurrentHashMap<>();
    private volatile boolean stopping;

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

    /** Whether the service is stopping: a failure now is the shutdown's, not the request's. */
    public boolean stopping() {
        return stopping;
    }

    public String worker() {
        return worker;
    }

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
            if (!WorkerLoops.sleepUntil(Instant.now().plusMillis(200), 200)) {
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
            if (!WorkerLoops.sleepUntil(next, 200)) {
                return;
            }
        }
    }

    /** One attempt; returns when to try again when it failed only because a registry was unreachable. */
    private Optional<Instant> build(long runId, int attempt) {
        Thread thread = Thread.currentThread();
        builders.put(runId, thread);
        try {
            return attempts.run(runId, attempt, worker, thread);
        } finally {
            builders.remove(runId);
        }
    }
}
