package dev.drydock.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes events into the transactional outbox. Callers must already be in the transaction that makes the state
 * change the event announces, so both commit or neither does.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    ObjectMapper json;

    @Inject
    Event<OutboxAppended> appended;

    /**
     * Appends an event; returns its id (the CloudEvents {@code id}, which consumers de-duplicate on).
     *
     * @param key the Kafka record key: events with one key are delivered in the order they were appended
     * @param subject the CloudEvents {@code subject}, e.g. the reference or run id the event is about
     * @param data the payload, serialised as JSON
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(EventType type, String key, String subject, Object data) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.channel = type.channel();
        event.key = key;
        event.type = type.type();
        event.subject = subject;
        event.data = toJson(data);
        event.createdAt = Instant.now();
        event.persist();
        appended.fire(new OutboxAppended(data instanceof Summarized s ? s.summary() : null));
        return event.id;
    }

    private String toJson(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be written as JSON: " + data.getClass(), e);
        }
    }
}
