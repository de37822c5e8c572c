package dev.drydock.outbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Sends one batch of rows so that rows of one topic and key go out strictly one after the other: a row is handed
 * to Kafka only after the row before it with the same key was acknowledged. When a send fails, the later rows of
 * its key in the batch are held back (never sent), so no event overtakes an earlier one of the same key. Rows of
 * different keys are sent in parallel.
 */
final class KeyedSends {

    /** A row was not sent because an earlier row of its key failed, or the batch was closed. */
    static final class HeldBack extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HeldBack(String message) {
            super(message, null, false, false);
        }
    }

    private final Function<OutboxEvent, CompletableFuture<Void>> sender;
    private final Executor executor;
    private final AtomicBoolean open = new AtomicBoolean(true);

    KeyedSends(Function<OutboxEvent, CompletableFuture<Void>> sender, Executor executor) {
        this.sender = sender;
        this.executor = executor;
    }

    /** Starts the sends; the i-th future completes when row i was acknowledged, or fails (or is held back). */
    List<CompletableFuture<Void>> start(List<OutboxEvent> rows) {
        Map<String, CompletableFuture<Void>> lastOfKey = new HashMap<>();
        Map<String, Long> seqOfKey = new HashMap<>();
        List<CompletableFuture<Void>> sends = new ArrayList<>(rows.size());
        for (OutboxEvent row : rows) {
            String key = row.channel + '\u0000' + row.key;
            CompletableFuture<Void> previous = lastOfKey.get(key);
            CompletableFuture<Void> send;
            if (previous == null) {
                send = sender.apply(row);
            } else {
                long before = seqOfKey.get(key);
                send = previous.handle((ok, failure) -> failure).thenComposeAsync(failure -> {
                    if (failure != null) {
                        return CompletableFuture.failedFuture(new HeldBack("held back: the event before it with key "
                                + row.key + " (seq " + before + ") was not published"));
                    }
                    if (!open.get()) {
                        return CompletableFuture.failedFuture(new HeldBack("held back: the relay pass ended first"));
                    }
                    return sender.apply(row);
                }, executor);
            }
            lastOfKey.put(key, send);
            seqOfKey.put(key, row.seq);
            sends.add(send);
        }
        return sends;
    }

    /** The pass is over: sends not started yet are held back, so they cannot go out after the next pass's. */
    void close() {
        open.set(false);
    }
}
