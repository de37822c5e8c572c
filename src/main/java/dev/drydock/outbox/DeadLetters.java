package dev.drydock.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.logging.LogText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The one way a consumer rejects a message to the dead-letter topic ({@code drydock.dead-letters}): only a message
 * that can never succeed (unreadable, or about something that does not exist), never one that met an outage (see
 * {@link Outages}). Each rejection is a log line and a count in {@code drydock_dead_letters_total{channel}}.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    /** How much of a rejected payload the log line shows. */
    static final int SHOWN_PAYLOAD = 200;

    @Inject
    MeterRegistry meters;

    @Inject
    ObjectMapper json;

    /**
     * The numeric {@code field} of a JSON request payload, such as a rebuild request's {@code runId}; a payload
     * that is not JSON or lacks it is rejected ({@code what} names the request in the reason).
     */
    public long idIn(String channel, String payload, String field, String what) {
        JsonNode request;
        try {
            request = payload == null ? null : json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw reject(channel, "not JSON: " + e.getOriginalMessage(), payload);
        }
        if (request == null || !request.path(field).canConvertToLong()) {
            throw reject(channel, what + " needs a numeric " + field, payload);
        }
        return request.get(field).asLong();
    }

    /** Counts and logs the rejection; returns the failure to nack the message with. */
    public UndeliverableMessage reject(String channel, String reason, String payload) {
        meters.counter("drydock.dead.letters", "channel", channel).increment();
        String shown = payload == null ? "(none)" : payload.length() <= SHOWN_PAYLOAD ? payload
                : payload.substring(0, SHOWN_PAYLOAD) + "… (" + payload.length() + " chars)";
        LOG.errorf("dead-lettering a message of channel %s: %s; payload: %s", channel, LogText.escape(reason),
                LogText.escape(shown));
        return new UndeliverableMessage(channel, reason);
    }

    /** How many messages of {@code channel} this process dead-lettered. */
    public long count(String channel) {
        Counter counter = meters.find("drydock.dead.letters").tag("channel", channel).counter();
        return counter == null ? 0 : (long) counter.count();
    }
}
