package dev.drydock.rebuild.worker;

import dev.drydock.logging.LogText;
import dev.drydock.outbox.Channels;
import dev.drydock.outbox.DeadLetters;
import dev.drydock.outbox.Outages;
import dev.drydock.outbox.UndeliverableMessage;
import dev.drydock.task.run.RunLane;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Build workers, one pool per {@link RunLane}: the replicas share {@code drydock.rebuild-requests} (consumer group
 * drydock-workers, {@code smallrye.messaging.worker.build-workers.max-concurrency} runs at once) and
 * {@code drydock.rebuild-requests.interactive} (group drydock-workers-interactive, {@code interactive-workers}).
 * A request is acknowledged only after its run ended, so a worker that dies mid-build leaves it to be delivered
 * again. While PostgreSQL is away the request waits (see {@link Outages}); only a request that can never be built
 * (unreadable, or for a run that does not exist) goes to the dead-letter topic.
 */
@ApplicationScoped
public class RebuildRequestConsumer {

    private static final Logger LOG = Logger.getLogger(RebuildRequestConsumer.class);

    @Inject
    RunExecutor executor;

    @Inject
    Outages outages;

    @Inject
    DeadLetters deadLetters;

    @Incoming(Channels.REBUILD_REQUESTS_IN)
    @Blocking(value = "build-workers", ordered = false)
    public CompletionStage<Void> consume(Message<String> request) {
        return handle(Channels.REBUILD_REQUESTS_IN, RunLane.BULK, request);
    }

    @Incoming(Channels.INTERACTIVE_REQUESTS_IN)
    @Blocking(value = "interactive-workers", ordered = false)
    public CompletionStage<Void> consumeInteractive(Message<String> request) {
        return handle(Channels.INTERACTIVE_REQUESTS_IN, RunLane.INTERACTIVE, request);
    }

    private CompletionStage<Void> handle(String channel, RunLane lane, Message<String> request) {
        String payload = request.getPayload();
        try {
            long runId = deadLetters.idIn(channel, payload, "runId", "a rebuild request");
            outages.untilAvailable(channel, "run " + runId, () -> {
                executor.execute(runId, lane);
                return null;
            });
            if (Thread.currentThread().isInterrupted() || executor.stopping()) {
                throw new InterruptedException("stopping");
            }
            return request.ack();
        } catch (UndeliverableMessage e) {
            return request.nack(e);
        } catch (UnknownRunException e) {
            return request.nack(deadLetters.reject(channel, e.getMessage(), payload));
        } catch (InterruptedException e) {
            // The service is stopping: leave the request unacknowledged, to be delivered again.
            Thread.currentThread().interrupt();
            LOG.infof("%s: stopping; a rebuild request stays unacknowledged", channel);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            if (executor.stopping()) {
                LOG.infof("%s: stopping (%s); a rebuild request stays unacknowledged", channel,
                        LogText.escape(e.getMessage()));
                return CompletableFuture.completedFuture(null);
            }
            LOG.errorf(LogText.escape(e), "%s: a rebuild request failed", channel);
            return request.nack(deadLetters.reject(channel, "unexpected failure: " + e, payload));
        }
    }

}
