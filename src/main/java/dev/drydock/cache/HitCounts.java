package dev.drydock.cache;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Pulls served from the cache, counted in memory and added to their rules' rows at least once a second (and before a
 * rule is read on this replica): a hit writes nothing on the pull's path, and many pulls of one rule do not queue on
 * its row. A replica that dies loses at most its last second of hits.
 */
@ApplicationScoped
class HitCounts {

    private final Map<String, LongAdder> pending = new ConcurrentHashMap<>();

    void hit(String rule) {
        pending.computeIfAbsent(rule, k -> new LongAdder()).increment();
    }

    @Scheduled(identity = "cache-hit-counts", every = "1s", executeWith = Scheduled.SIMPLE,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void everySecond() {
        flush();
    }

    void onStop(@Observes ShutdownEvent event) {
        flush();
    }

    /** Adds what was counted to the rules' rows, in the caller's transaction or a new one. */
    @Transactional
    synchronized void flush() {
        for (Map.Entry<String, LongAdder> e : pending.entrySet()) {
            long hits = e.getValue().sum();
            if (hits > 0) {
                CacheRuleEntity.update("hits = hits + ?1 where name = ?2", hits, e.getKey());
                e.getValue().add(-hits);
            }
        }
        pending.values().removeIf(adder -> adder.sum() == 0);
    }
}
