package dev.drydock.outbox;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** Sends outbox rows as CloudEvents (binary mode) through the SmallRye Kafka channels. */
@ApplicationScoped
class KafkaPublisher {

    static final URI SOURCE = URI.create("/drydock");

    private final Map<String, Emitter<String>> emitters;

    @Inject
    KafkaPublisher(@Channel(Channels.BASE_CHANGES_OUT) Emitter<String> baseChanges,
            @Channel(Channels.REBUILD_REQUESTS_OUT) Emitter<String> rebuildRequests,
            @Channel(Channels.INTERACTIVE_REQUESTS_OUT) Emitter<String> interactiveRequests,
            @Channel(Channels.RUN_EVENTS_OUT) Emitter<String> runEvents,
            @Channel(Channels.IMPORT_REQUESTS_OUT) Emitter<String> importRequests,
            @Channel(Channels.CACHE_RULE_EVENTS_OUT) Emitter<String> cacheRuleEvents) {
        this.emitters = Map.of(
                Channels.BASE_CHANGES_OUT, baseChanges,
                Channels.REBUILD_REQUESTS_OUT, rebuildRequests,
                Channels.INTERACTIVE_REQUESTS_OUT, interactiveRequests,
                Channels.RUN_EVENTS_OUT, runEvents,
                Channels.IMPORT_REQUESTS_OUT, importRequests,
                Channels.CACHE_RULE_EVENTS_OUT, cacheRuleEvents);
    }

    /** Completes when Kafka has acknowledged the record, exceptionally when the send failed. */
    CompletableFuture<Void> send(OutboxEvent event) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Emitter<String> emitter = emitters.get(event.channel);
        if (emitter == null) {
            acked.completeExceptionally(new IllegalStateException("no Kafka channel named " + event.channel));
            return acked;
        }
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(event.id.toString())
                .withType(event.type)
                .withSource(SOURCE)
                .withSubject(event.subject)
                .withDataContentType("application/json")
                .withTimestamp(event.createdAt.atZone(ZoneOffset.UTC))
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.key)
                .build();
        Message<String> message = Message.of(event.data, Metadata.of(cloudEvent, record),
                () -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }
}
