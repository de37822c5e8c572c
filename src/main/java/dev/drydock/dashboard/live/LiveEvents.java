package dev.drydock.dashboard.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.dashboard.DashboardChannels;
import dev.drydock.logging.LogText;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Relays run events, base changes and cache rule changes from Kafka to every browser connected to this replica. Nothing is kept:
 * a browser that was away fetches the current state when it reconnects, so a missed event costs nothing.
 */
@ApplicationScoped
public class LiveEvents {

    private static final Logger LOG = Logger.getLogger(LiveEvents.class);
    /** Events a slow browser may fall behind by before its stream is closed (it reconnects and re-fetches). */
    static final int BUFFER = 256;

    /** Hot: subscribers get what arrives after they subscribed. Three channels feed it, one at a time. */
    private final BroadcastProcessor<LiveEvent> hub = BroadcastProcessor.create();

    @Inject
    ObjectMapper json;

    @Incoming(DashboardChannels.RUN_EVENTS)
    CompletionStage<Void> onRunEvent(Message<String> message) {
        return relay(LiveEvent.Kind.RUN, message);
    }

    @Incoming(DashboardChannels.BASE_CHANGES)
    CompletionStage<Void> onBaseChange(Message<String> message) {
        return relay(LiveEvent.Kind.BASE, message);
    }

    @Incoming(DashboardChannels.CACHE_RULE_EVENTS)
    CompletionStage<Void> onCacheRuleChange(Message<String> message) {
        return relay(LiveEvent.Kind.CACHE_RULE, message);
    }

    /** Every event from now on; a subscriber that cannot keep up is failed rather than holding the others back. */
    public Multi<LiveEvent> stream() {
        return hub.onOverflow().buffer(BUFFER);
    }

    void onStop(@Observes ShutdownEvent event) {
        synchronized (hub) {
            hub.onComplete();
        }
    }

    private CompletionStage<Void> relay(LiveEvent.Kind kind, Message<String> message) {
        String payload = message.getPayload();
        try {
            JsonNode data = payload == null ? null : json.readTree(payload);
            if (data == null || !data.isObject()) {
                LOG.debugf("ignoring a %s record that is not a JSON object", kind.sseName());
                return message.ack();
            }
            var cloudEvent = message.getMetadata(IncomingCloudEventMetadata.class);
            String id = cloudEvent.map(IncomingCloudEventMetadata::getId).orElseGet(() -> UUID.randomUUID().toString());
            synchronized (hub) {
                hub.onNext(new LiveEvent(kind, id, json.writeValueAsString(data)));
            }
        } catch (JsonProcessingException e) {
            LOG.debugf("ignoring a %s record that is not JSON: %s", kind.sseName(),
                    LogText.escape(e.getOriginalMessage()));
        }
        return message.ack();
    }
}
