package dev.drydock.rebuild.worker;

import dev.drydock.concurrent.DaemonThreads;
import dev.drydock.roles.NotWorking;
import dev.drydock.task.run.Run;
import dev.drydock.task.run.RunStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Finds runs whose worker died: Started or Running with a lease nobody renews, and Queued runs nobody picked up
 * for too long. It builds them again here; the lease claim makes sure only one worker does.
 */
@ApplicationScoped
public class LeaseRecovery {

    @Inject
    RunExecutor executor;

    @Inject
    WorkerConfig config;

    private final Set<Long> recovering = ConcurrentHashMap.newKeySet();
    private ExecutorService pool;

    @PostConstruct
    void init() {
        pool = Executors.newFixedThreadPool(2, DaemonThreads.named("run-recovery"));
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }

    // On every worker replica, as the builds it starts run where it runs; the run's claim picks one builder.
    @Scheduled(identity = "build-lease-recovery", every = "${drydock.worker.recovery-every:2s}",
            executeWith = Scheduled.SIMPLE, concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = NotWorking.class)
    void recover() {
        for (long runId : abandoned()) {
            if (recovering.add(runId)) {
                pool.submit(() -> {
                    try {
                        executor.execute(runId);
                    } finally {
                        recovering.remove(runId);
                    }
                });
            }
        }
    }

    /** Runs that need a worker and have none. */
    public List<Long> abandoned() {
        Instant now = Instant.now();
        return QuarkusTransaction.requiringNew().call(() -> Run.<Run>list("""
                (status in ?1 and (leaseUntil is null or leaseUntil < ?2))
                or (status = ?3 and leaseOwner is null and createdAt < ?4 and cancelRequested = false)""",
                List.of(RunStatus.Started, RunStatus.Running), now, RunStatus.Queued, now.minus(config.orphanAfter()))
                .stream().map(r -> r.id).toList());
    }
}
