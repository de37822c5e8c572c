package dev.drydock.importer;

import dev.drydock.outbox.Summarized;

/**
 * Data of {@code dev.drydock.import.requested} on {@code drydock.import-requests} (key: the job id). Workers read
 * the job itself; the event only wakes them.
 */
public record ImportRequested(long importId, String source) implements Summarized {

    @Override
    public String summary() {
        return "import " + importId + " of " + source + " queued";
    }
}
