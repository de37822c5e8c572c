package dev.drydock.importer;

import dev.drydock.logging.LogText;
import dev.drydock.outbox.Channels;
import dev.drydock.outbox.DeadLetters;
import dev.drydock.outbox.Outages;
import dev.drydock.outbox.UndeliverableMessage;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Import workers: the replicas share {@code drydock.import-requests} (consumer group drydock-importers,
 * {@code smallrye.messaging.worker.import-workers.max-concurrency} jobs at once). A request is acknowledged only
 * after its job ended, so a worker that dies mid-copy leaves it to be delivered again; as for rebuild requests, only
 * a request that can never run goes to the dead-letter topic.
 */
@ApplicationScoped
public class ImportRequestConsumer {

    private static final Logger LOG = Logger.getLogger(ImportRequestConsumer.class);

    @Inject
    ImportExecutor executor;

    @Inject
    Outages outages;

    @Inject
    DeadLetters deadLetters;

    @Incoming(Channels.IMPORT_REQUESTS_IN)
    @Blocking(value = "import-workers", ordered = false)
    public CompletionStage<Void> consume(Message<String> request) {
        String channel = Channels.IMPORT_REQUESTS_IN;
        String payload = request.getPayload();
        try {
            long id = deadLetters.idIn(channel, payload, "importId", "an import request");
            outages.untilAvailable(channel, "import " + id, () -> {
                executor.execute(id);
                return null;
            });
            if (Thread.currentThread().isInterrupted() || executor.stopping()) {
                throw new InterruptedException("stopping");
            }
            return request.ack();
        } catch (UndeliverableMessage e) {
            return request.nack(e);
        } catch (UnknownImportException e) {
            return request.nack(deadLetters.reject(channel, e.getMessage(), payload));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.infof("%s: stopping; an import request stays unacknowledged", channel);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            if (executor.stopping()) {
                return CompletableFuture.completedFuture(null);
            }
            LOG.errorf(LogText.escape(e), "%s: an import request failed", channel);
            return request.nack(deadLetters.reject(channel, "unexpected failure: " + e, payload));
        }
    }

}
