package dev.drydock.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drydock.foundation.BaseChangesRecorder;
import dev.drydock.testing.TestStack;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Events of one key reach Kafka in the order they were appended, even across a Kafka outage. */
@QuarkusTest
class OutboxOrderTest {

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    BaseChangesRecorder kafka;

    @Test
    void shouldDeliverThreeChangesOfOneKeyInOrderAfterKafkaReturns() {
        String reference = "127.0.0.1:5999/order/" + UUID.randomUUID() + ":1";
        List<String> digests = List.of(digest('1'), digest('2'), digest('3'));
        TestStack.get().stopKafka();
        try {
            append(reference, null, digests.get(0));
            // The relay has tried d1 and failed while Kafka is away; d2 and d3 come after that failure.
            await().atMost(Duration.ofSeconds(60)).until(() -> attempts(reference) > 0);
            append(reference, digests.get(0), digests.get(1));
            append(reference, digests.get(1), digests.get(2));
        } finally {
            TestStack.get().startKafka();
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> received(reference).size() >= 3);
        assertThat(received(reference).stream().distinct().toList()).as("first deliveries, in order").isEqualTo(digests);
    }

    private void append(String reference, String previous, String digest) {
        QuarkusTransaction.requiringNew().run(() -> outbox.append(EventType.BASE_CHANGED, reference, reference,
                Map.of("reference", reference, "previousDigest", previous == null ? digest('0') : previous,
                        "digest", digest, "mediaType", "application/vnd.oci.image.manifest.v1+json",
                        "detectedBy", "poll", "detectedAt", Instant.now().toString())));
    }

    private int attempts(String reference) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT coalesce(max(attempts), 0) FROM outbox_event WHERE event_key = :key")
                .setParameter("key", reference).getSingleResult()).intValue());
    }

    private List<String> received(String reference) {
        return kafka.received().stream().filter(r -> r.key().equals(reference))
                .map(r -> r.value().replaceAll(".*\"digest\":\"(sha256:[0-9a-f]+)\".*", "$1")).toList();
    }

    private static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }
}
