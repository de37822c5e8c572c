package dev.drydock.cache;

import dev.drydock.concurrent.DaemonThreads;
import dev.drydock.image.ImageReference;
import dev.drydock.importer.ImportExecutor;
import dev.drydock.importer.ImportService;
import dev.drydock.importer.ImportStatus;
import dev.drydock.importer.ImportView;
import dev.drydock.importer.NewImport;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Fills the cache through the importer: an import job like any other (visible in {@code /api/v1/imports}), forced
 * (a cached tag moves to the new upstream digest; the old manifest stays pullable by digest), run at once on a
 * thread of this replica while the caller waits for its end. Whichever replica claims the job copies it.
 */
@ApplicationScoped
class CacheFill {

    private static final Logger LOG = Logger.getLogger(CacheFill.class);
    static final Duration POLL = Duration.ofMillis(50);

    @Inject
    ImportService imports;

    @Inject
    ImportExecutor executor;

    @Inject
    CacheConfig config;

    private final ExecutorService runners = Executors.newCachedThreadPool(DaemonThreads.named("cache-fill"));

    @PreDestroy
    void stop() {
        runners.shutdownNow();
    }

    /** What an import ended with. */
    record Filled(boolean ok, String digest, String error) {}

    /** Imports {@code upstream} into {@code repository} (tagged {@code tag}, or by digest when null) and waits. */
    Filled fill(CacheRule rule, ImageReference upstream, String repository, String tag) {
        List<String> targets = tag == null ? null : List.of(repository + ":" + tag);
        List<String> untagged = tag == null ? List.of(repository) : null;
        ImportView job = imports.create(new NewImport(upstream.toString(), targets, untagged, rule.credentialSet(),
                null, null, true, null));
        runners.execute(() -> {
            try {
                executor.execute(job.id());
            } catch (RuntimeException e) {
                LOG.debugf("cache fill %d: %s", job.id(), e.getMessage());
            }
        });
        Instant giveUp = Instant.now().plus(config.fillTimeout());
        while (Instant.now().isBefore(giveUp)) {
            ImportView now = imports.get(job.id());
            if (now.status() == ImportStatus.Succeeded) {
                return new Filled(true, now.targetDigest(), null);
            }
            if (now.status().isFinal()) {
                return new Filled(false, null, "import " + job.id() + " " + now.status() + ": " + now.error());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Filled(false, null, "interrupted while import " + job.id() + " ran");
            }
        }
        return new Filled(false, null, "import " + job.id() + " did not end within " + config.fillTimeout());
    }
}
