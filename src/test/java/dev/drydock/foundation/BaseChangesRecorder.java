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

/** A SmallRye consumer of {@code drydock.base-changes} that only tests use: it keeps what it received. */
@ApplicationScoped
public class BaseChangesRecorder {

    /** One consumed record: key, value and headers as strings. */
    public record Received(String key, String value, Map<String, String> headers) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();

    @Incoming("selftest-base-changes")
    CompletionStage<Void> consume(Message<String> message) {
        IncomingKafkaRecordMetadata<?, ?> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        Map<String, String> headers = StreamSupport.stream(kafka.getHeaders().spliterator(), false)
                .collect(Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8), (a, b) -> b));
        received.add(new Received(String.valueOf(kafka.getKey()), message.getPayload(), headers));
        return message.ack();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }
}
