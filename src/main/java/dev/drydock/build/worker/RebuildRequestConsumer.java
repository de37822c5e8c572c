package dev.drydock.build.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.outbox.Channels;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Build workers: the replicas share {@code drydock.rebuild-requests} in consumer group drydock-workers, each
 * building up to {@code smallrye.messaging.worker.build-workers.max-concurrency} runs at once. A request is
 * acknowledged only after its run ended, so a worker that dies mid-build leaves it to be delivered again.
 * An unreadable request is rejected to the dead-letter topic.
 */
@ApplicationScoped
public class RebuildRequestConsumer {

    @Inject
    RunExecutor executor;

    @Inject
    ObjectMapper json;

    @Incoming(Channels.REBUILD_REQUESTS_IN)
    @Blocking(value = "build-workers", ordered = false)
    public void consume(String payload) throws IOException {
        JsonNode request = json.readTree(payload);
        if (request == null || !request.path("runId").canConvertToLong()) {
            throw new IllegalArgumentException("a rebuild request needs a numeric runId: " + payload);
        }
        executor.execute(request.get("runId").asLong());
    }
}
