package dev.drydock.foundation;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** SmallRye consumers of drydock's topics that only tests use: they keep what they received. */
@ApplicationScoped
public class BaseChangesRecorder {

    /** One consumed record: key, value and headers as strings. */
    public record Received(String key, String value, Map<String, String> headers) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> rebuildRequests = new CopyOnWriteArrayList<>();
    private final List<Received> runEvents = new CopyOnWriteArrayList<>();

    @Incoming("selftest-base-changes")
    CompletionStage<Void> consume(Message<String> message) {
        return record(message, received);
    }

    @Incoming("selftest-rebuild-requests")
    CompletionStage<Void> consumeRebuildRequest(Message<String> message) {
        return record(message, rebuildRequests);
    }

    @Incoming("selftest-run-events")
    CompletionStage<Void> consumeRunEvent(Message<String> message) {
        return record(message, runEvents);
    }

    private static CompletionStage<Void> record(Message<String> message, List<Received> into) {
        IncomingKafkaRecordMetadata<?, ?> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        Map<String, String> headers = StreamSupport.stream(kafka.getHeaders().spliterator(), false)
                .collect(Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8), (a, b) -> b));
        into.add(new Received(String.valueOf(kafka.getKey()), message.getPayload(), headers));
        return message.ack();
    }

    /** Records of drydock.base-changes. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> rebuildRequests() {
        return List.copyOf(rebuildRequests);
    }

    public List<Received> runEvents() {
        return List.copyOf(runEvents);
    }
}
