package dev.drydock.outbox;

/** Kafka channel names shared by producers, consumers and tests; topics are bound in configuration. */
public final class Channels {

    /** Outgoing {@code drydock.base-changes}. */
    public static final String BASE_CHANGES_OUT = "base-changes-out";
    /** Outgoing {@code drydock.rebuild-requests}. */
    public static final String REBUILD_REQUESTS_OUT = "rebuild-requests-out";
    /** Outgoing {@code drydock.run-events}. */
    public static final String RUN_EVENTS_OUT = "run-events-out";

    private Channels() {}
}
