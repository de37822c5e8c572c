package dev.drydock.task.trigger;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.logging.LogText;
import dev.drydock.outbox.Channels;
import dev.drydock.outbox.EventType;
import dev.drydock.outbox.Outages;
import dev.drydock.watch.BaseChanged;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@code drydock.base-changes} and queues rebuilds. A message without a CloudEvents id, of another type
 * or with unreadable data is rejected to the dead-letter topic; it is never silently dropped.
 */
@ApplicationScoped
public class BaseChangeConsumer {

    private static final Logger LOG = Logger.getLogger(BaseChangeConsumer.class);
    private static final int ATTEMPTS = 3;

    @Inject
    TriggerService triggers;

    @Inject
    ObjectMapper json;

    @Inject
    Outages outages;

    @Incoming(Channels.BASE_CHANGES_IN)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        BaseChanged change;
        UUID id;
        try {
            IncomingCloudEventMetadata<?> cloudEvent = message.getMetadata(IncomingCloudEventMetadata.class)
                    .orElseThrow(() -> new IllegalArgumentException("not a CloudEvent: no ce_id / ce_type headers"));
            Optional<EventType> type = EventType.ofType(cloudEvent.getType());
            if (type.orElse(null) != EventType.BASE_CHANGED) {
                throw new IllegalArgumentException("unexpected event type " + cloudEvent.getType());
            }
            id = UUID.fromString(cloudEvent.getId());
            change = json.readValue(message.getPayload(), BaseChanged.class);
        } catch (Exception e) {
            LOG.errorf("rejecting a message on drydock.base-changes to the dead-letter topic: %s",
                    LogText.escape(e.getMessage()));
            return message.nack(e);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                // An outage of PostgreSQL is waited out, however long; only other failures count as attempts.
                outages.untilAvailable(Channels.BASE_CHANGES_IN, "base change " + id, () -> {
                    triggers.onBaseChanged(id, change);
                    return null;
                });
                return message.ack();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CompletableFuture.completedFuture(null);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    LOG.errorf(LogText.escape(e), "base change %s could not be handled after %d attempts", id, attempt);
                    return message.nack(e);
                }
                LOG.warnf("base change %s: attempt %d failed (%s); retrying", id, attempt,
                        LogText.escape(e.getMessage()));
                sleep(500L * attempt);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
