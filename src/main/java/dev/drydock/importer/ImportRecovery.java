package dev.drydock.importer;

import dev.drydock.concurrent.DaemonThreads;
import dev.drydock.roles.NotWorking;
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
 * Finds import jobs whose worker died (Running with a lease nobody renews) and Queued jobs nobody picked up for too
 * long, and runs them here; the lease claim makes sure only one worker does. The same rule as runs' lease recovery.
 */
@ApplicationScoped
public class ImportRecovery {

    @Inject
    ImportExecutor executor;

    @Inject
    ImportConfig config;

    private final Set<Long> recovering = ConcurrentHashMap.newKeySet();
    private ExecutorService pool;

    @PostConstruct
    void init() {
        pool = Executors.newFixedThreadPool(2, DaemonThreads.named("import-recovery"));
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }

    // On every worker replica, as the copies it starts run where it runs; the job's claim picks one copier.
    @Scheduled(identity = "import-lease-recovery", every = "${drydock.imports.recovery-every:2s}",
            executeWith = Scheduled.SIMPLE, concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = NotWorking.class)
    void recover() {
        for (long id : abandoned()) {
            if (recovering.add(id)) {
                pool.submit(() -> {
                    try {
                        executor.execute(id);
                    } finally {
                        recovering.remove(id);
                    }
                });
            }
        }
    }

    List<Long> abandoned() {
        Instant now = Instant.now();
        return QuarkusTransaction.requiringNew().call(() -> ImportJob.<ImportJob>list("""
                (status = ?1 and (leaseUntil is null or leaseUntil < ?2))
                or (status = ?3 and leaseOwner is null and createdAt < ?4 and cancelRequested = false)""",
                ImportStatus.Running, now, ImportStatus.Queued, now.minus(config.orphanAfter()))
                .stream().map(j -> j.id).toList());
    }
}
