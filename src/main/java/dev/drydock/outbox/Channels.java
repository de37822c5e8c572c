package dev.drydock.outbox;

/** Kafka channel names shared by producers, consumers and tests; topics are bound in configuration. */
public final class Channels {

    /** Outgoing {@code drydock.base-changes}. */
    public static final String BASE_CHANGES_OUT = "base-changes-out";
    /** Outgoing {@code drydock.rebuild-requests}. */
    public static final String REBUILD_REQUESTS_OUT = "rebuild-requests-out";
    /** Outgoing {@code drydock.rebuild-requests.interactive}: manual, commit and timer runs. */
    public static final String INTERACTIVE_REQUESTS_OUT = "interactive-requests-out";
    /** Outgoing {@code drydock.run-events}. */
    public static final String RUN_EVENTS_OUT = "run-events-out";

    /** Outgoing {@code drydock.import-requests}: import jobs to run. */
    public static final String IMPORT_REQUESTS_OUT = "import-requests-out";

    /** Outgoing {@code drydock.cache-rule-events}: cache rules created, changed and deleted. */
    public static final String CACHE_RULE_EVENTS_OUT = "cache-rule-events-out";

    /** Incoming {@code drydock.base-changes}, consumed by the task triggers (consumer group drydock-triggers). */
    public static final String BASE_CHANGES_IN = "base-changes-in";
    /** Incoming {@code drydock.rebuild-requests}, consumed by the build workers (consumer group drydock-workers). */
    public static final String REBUILD_REQUESTS_IN = "rebuild-requests-in";

    /** Incoming {@code drydock.rebuild-requests.interactive}, consumed by the build workers (group drydock-workers-interactive). */
    public static final String INTERACTIVE_REQUESTS_IN = "interactive-requests-in";

    /** Incoming {@code drydock.import-requests}, consumed by the import workers (consumer group drydock-importers). */
    public static final String IMPORT_REQUESTS_IN = "import-requests-in";

    private Channels() {}
}
