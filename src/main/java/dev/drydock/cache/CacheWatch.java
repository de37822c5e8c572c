package dev.drydock.cache;

import dev.drydock.concurrent.DaemonThreads;
import dev.drydock.health.PrivateRegistryConfig;
import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;
import dev.drydock.logging.LogText;
import dev.drydock.roles.NotWatching;
import dev.drydock.watch.BaseService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * Keeps the cache fresh without waiting for pulls. Every watch replica runs a pass each second:
 * <ul>
 * <li>a cached tag that a task builds FROM (a tracked base of the private registry that a rule fills) is re-checked
 * upstream once its {@code refresh} has passed, and imported when upstream moved or when it is not cached yet; the
 * re-sync is the base's change, so the cascade runs after it;</li>
 * <li>a rule with {@code syncTags} lists its upstream tags once per {@code refresh} and imports the ones that match.</li>
 * </ul>
 * Replicas claim a stale tag and a due sync in PostgreSQL, so one of them asks upstream; the work runs on a small
 * pool, one task per tag or rule at a time.
 */
@ApplicationScoped
class CacheWatch {

    private static final Logger LOG = Logger.getLogger(CacheWatch.class);

    @Inject
    CacheRules rules;

    @Inject
    CachedTags tags;

    @Inject
    TagRefresh refresh;

    @Inject
    TagSync sync;

    @Inject
    BaseService bases;

    @Inject
    PrivateRegistryConfig privateRegistry;

    @Inject
    CacheConfig config;

    private ExecutorService workers;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    /** A tag that is not cached and whose fill failed is tried again after its rule's refresh, not every second. */
    private final Map<String, Instant> failedUntil = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    @PostConstruct
    void init() {
        workers = Executors.newFixedThreadPool(config.watchConcurrency(), DaemonThreads.named("cache-watch"));
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @PreDestroy
    void shutdown() {
        stopping = true;
        workers.shutdownNow();
    }

    @Scheduled(identity = "cache-watch", every = "${drydock.cache.watch-every:1s}", executeWith = Scheduled.SIMPLE,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = NotWatching.class)
    void pass() {
        List<CacheRule> current = rules.current();
        if (stopping || current.isEmpty()) {
            return;
        }
        watchBases(current);
        for (CacheRule rule : current) {
            if (rule.syncTags() != null && !rule.wildcard() && !running.contains("sync:" + rule.name())
                    && tags.claimSync(rule.name(), rule.refresh())) {
                submit("sync:" + rule.name(), () -> {
                    if (sync.sync(rule).more()) {
                        tags.syncAgain(rule.name());
                    }
                });
            }
        }
    }

    private void watchBases(List<CacheRule> current) {
        List<String> prefixes = new ArrayList<>();
        for (CacheRule rule : current) {
            prefixes.add(privateRegistry.host() + "/" + rule.targetPrefix() + (rule.wildcard() ? "/" : ":"));
        }
        Instant now = Instant.now();
        failedUntil.values().removeIf(until -> until.isBefore(now));
        for (String reference : bases.referencesStartingWith(prefixes)) {
            ImageReference ref;
            try {
                ref = ImageReference.parse(reference);
            } catch (InvalidReferenceException e) {
                continue;
            }
            String repository = ref.repository();
            String tag = ref.tagOrLatest();
            Optional<CacheRuleLookup.CachedRepository> covered = rules.forPrivate(repository);
            Optional<CacheRule> rule = covered.flatMap(c -> rules.rule(c.rule()));
            String key = "tag:" + repository + ":" + tag;
            if (rule.isEmpty() || running.contains(key) || failedUntil.containsKey(key)) {
                continue;
            }
            Optional<CachedTags.CachedTag> cached = tags.find(repository, tag);
            if (TagRefresh.fresh(cached, rule.get())) {
                continue;
            }
            boolean claimed = cached.isPresent();
            if (claimed && !tags.claimStale(repository, tag, rule.get().refresh())) {
                continue;
            }
            String source = covered.get().upstreamRepository();
            submit(key, () -> {
                TagRefresh.Refreshed refreshed = refresh.refresh(rule.get(), source, repository, tag,
                        TagRefresh.Purpose.WATCH, claimed);
                if (!refreshed.cached()) {
                    failedUntil.put(key, Instant.now().plus(rule.get().refresh()));
                }
            });
        }
    }

    private void submit(String key, Runnable work) {
        if (!running.add(key)) {
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warnf("cache watch %s: %s", LogText.escape(key), LogText.escape(String.valueOf(e.getMessage())));
                } finally {
                    running.remove(key);
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(key); // shutting down
        }
    }
}
