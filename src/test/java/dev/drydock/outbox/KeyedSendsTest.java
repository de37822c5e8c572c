package dev.drydock.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sends of one key go out one after the other, and a failure holds back the rest of its key. */
class KeyedSendsTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    /** What the sender was asked to send, in order, and each send's pending answer. */
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Void>> answers = new ConcurrentHashMap<>();
    private final KeyedSends sends = new KeyedSends(row -> {
        sent.add(row.data);
        return answers.computeIfAbsent(row.data, d -> new CompletableFuture<>());
    }, executor);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void shouldSendTheNextEventOfAKeyOnlyAfterThePreviousWasAcknowledged() throws Exception {
        List<CompletableFuture<Void>> futures = sends.start(List.of(row(1, "base", "d1"), row(2, "base", "d2"),
                row(3, "other", "o1")));

        assertThat(sent).containsExactly("d1", "o1");
        answers.get("d1").complete(null);
        futures.get(0).get(5, TimeUnit.SECONDS);
        drain();
        assertThat(sent).containsExactly("d1", "o1", "d2");
    }

    @Test
    void shouldHoldBackTheLaterEventsOfAKeyWhenASendFails() throws Exception {
        List<CompletableFuture<Void>> futures = sends.start(List.of(row(1, "base", "d1"), row(2, "base", "d2"),
                row(3, "base", "d3"), row(4, "other", "o1")));

        answers.get("d1").completeExceptionally(new IllegalStateException("broker away"));
        answers.get("o1").complete(null);

        assertThatThrownBy(() -> futures.get(1).get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(KeyedSends.HeldBack.class).hasMessageContaining("seq 1");
        assertThatThrownBy(() -> futures.get(2).get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(KeyedSends.HeldBack.class);
        futures.get(3).get(5, TimeUnit.SECONDS);
        assertThat(sent).as("d2 and d3 never reach Kafka before d1 did").containsExactly("d1", "o1");
    }

    @Test
    void shouldNotStartASendAfterThePassWasClosed() throws Exception {
        List<CompletableFuture<Void>> futures = sends.start(List.of(row(1, "base", "d1"), row(2, "base", "d2")));
        sends.close();
        answers.get("d1").complete(null);

        assertThatThrownBy(() -> futures.get(1).get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(KeyedSends.HeldBack.class);
        assertThat(sent).containsExactly("d1");
    }

    /** Runs everything the sends queued on the executor so far (a chained send is queued when its predecessor completes). */
    private void drain() throws Exception {
        executor.submit(() -> {}).get(5, TimeUnit.SECONDS);
    }

    private static OutboxEvent row(long seq, String key, String data) {
        OutboxEvent row = new OutboxEvent();
        row.seq = seq;
        row.channel = Channels.BASE_CHANGES_OUT;
        row.key = key;
        row.data = data;
        return row;
    }
}
