package dev.drydock.dashboard;

/**
 * The dashboard's incoming Kafka channels; topics and consumer groups are bound in configuration. Each replica
 * reads both topics in a consumer group of its own ({@code drydock-dashboard-<instance uuid>}), from the newest
 * record on, so every replica's browsers see every event.
 */
public final class DashboardChannels {

    /** Incoming {@code drydock.run-events}: a run was queued, started, ended… */
    public static final String RUN_EVENTS = "dashboard-run-events";
    /** Incoming {@code drydock.base-changes}: a tracked base has a new digest. */
    public static final String BASE_CHANGES = "dashboard-base-changes";

    private DashboardChannels() {}
}
