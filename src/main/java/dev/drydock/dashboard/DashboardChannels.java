package dev.drydock.dashboard;

/**
 * The dashboard's incoming Kafka channels; topics and consumer groups are bound in configuration. Each replica
 * reads each topic in a consumer group of its own ({@code drydock-dashboard-<instance uuid>}), from the newest
 * record on, so every replica's browsers see every event.
 */
public final class DashboardChannels {

    /** Incoming {@code drydock.run-events}: a run was queued, started, ended… */
    public static final String RUN_EVENTS = "dashboard-run-events";
    /** Incoming {@code drydock.base-changes}: a tracked base has a new digest. */
    public static final String BASE_CHANGES = "dashboard-base-changes";
    /** Incoming {@code drydock.cache-rule-events}: a cache rule was created, changed or deleted. */
    public static final String CACHE_RULE_EVENTS = "dashboard-cache-rule-events";

    private DashboardChannels() {}
}
