package dev.drydock.rebuild.worker;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Test-only consumers of the dead-letter topic and the interactive lane: they keep the payloads they received. */
@ApplicationScoped
public class WorkerTopicsRecorder {

    private final List<String> deadLetters = new CopyOnWriteArrayList<>();
    private final List<String> interactiveRequests = new CopyOnWriteArrayList<>();

    @Incoming("selftest-dead-letters")
    CompletionStage<Void> deadLetter(Message<String> message) {
        deadLetters.add(message.getPayload());
        return message.ack();
    }

    @Incoming("selftest-interactive-requests")
    CompletionStage<Void> interactiveRequest(Message<String> message) {
        interactiveRequests.add(message.getPayload());
        return message.ack();
    }

    public List<String> deadLetters() {
        return List.copyOf(deadLetters);
    }

    public boolean requested(long runId) {
        return interactiveRequests.stream().anyMatch(p -> p.contains("\"runId\":" + runId + ","));
    }
}
