package dev.drydock.outbox;

/**
 * Event data that says in one line what happened, for the application log ({@link EventLog}). {@code null}: an
 * event not worth its own line (another event of the same change says it).
 */
public interface Summarized {

    String summary();
}
