package dev.drydock.outbox;

/**
 * Fired when an outbox row is written; observed after commit to wake the relay without waiting for its poll, and
 * to log the event's {@code summary} (null when it has none).
 */
record OutboxAppended(String summary) {}
