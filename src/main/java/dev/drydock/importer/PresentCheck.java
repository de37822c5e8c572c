package dev.drydock.importer;

import dev.drydock.concurrent.DaemonThreads;
import dev.drydock.logging.LogText;
import dev.drydock.registry.Descriptor;
import dev.drydock.registry.RateLimitStatus;
import dev.drydock.registry.RegistryClient;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Asked before an import is queued: does every target already hold the source's digest? Then the import is done in
 * the request, at the cost of one source HEAD and one HEAD per target, and no worker runs. Anything else (content
 * to copy, a tag holding another digest, a registry that fails or does not answer within
 * {@code drydock.imports.present-check}) leaves the job to a worker, which reports it as usual.
 */
@ApplicationScoped
class PresentCheck {

    private static final Logger LOG = Logger.getLogger(PresentCheck.class);

    record Present(Descriptor source, Optional<RateLimitStatus> rateLimit) {}

    @Inject
    ImportClients clients;

    @Inject
    ImportConfig config;

    private ExecutorService checks;

    @PostConstruct
    void init() {
        checks = Executors.newFixedThreadPool(4, DaemonThreads.named("import-present-check"));
    }

    @PreDestroy
    void shutdown() {
        checks.shutdownNow();
    }

    /** @param password decrypted, or null */
    Optional<Present> check(CopyJob job, String credentialSet, String username, String password) {
        if (job.platforms() != null) {
            return Optional.empty(); // a new index is made: there is always something to write
        }
        Future<Optional<Present>> answer = checks.submit(() -> {
            RegistryClient client = clients.forJob(job.source().registry(), credentialSet, username, password);
            ImageCopy copy = new ImageCopy(client, new ProgressTracker(), 1, () -> { });
            return copy.alreadyPresent(job).map(head -> new Present(head, client.rateLimit(job.source().registry())));
        });
        try {
            return answer.get(config.presentCheck().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            answer.cancel(true);
            LOG.debugf("import of %s: left to a worker (%s)", job.source(), LogText.escape(String.valueOf(e.getCause())));
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            return Optional.empty();
        }
    }
}
