package dev.drydock.outbox;

import java.util.Arrays;
import java.util.Optional;

/** Every CloudEvents type drydock publishes, with the channel it goes out on. */
public enum EventType {
    BASE_CHANGED("dev.drydock.base.changed", Channels.BASE_CHANGES_OUT),
    REBUILD_REQUESTED("dev.drydock.rebuild.requested", Channels.REBUILD_REQUESTS_OUT),
    /** The same CloudEvents type as {@link #REBUILD_REQUESTED}, on the interactive lane's topic. */
    REBUILD_REQUESTED_INTERACTIVE("dev.drydock.rebuild.requested", Channels.INTERACTIVE_REQUESTS_OUT),
    RUN_QUEUED("dev.drydock.run.queued", Channels.RUN_EVENTS_OUT),
    RUN_STARTED("dev.drydock.run.started", Channels.RUN_EVENTS_OUT),
    RUN_RUNNING("dev.drydock.run.running", Channels.RUN_EVENTS_OUT),
    RUN_SUCCEEDED("dev.drydock.run.succeeded", Channels.RUN_EVENTS_OUT),
    RUN_FAILED("dev.drydock.run.failed", Channels.RUN_EVENTS_OUT),
    RUN_CANCELED("dev.drydock.run.canceled", Channels.RUN_EVENTS_OUT),
    RUN_ERROR("dev.drydock.run.error", Channels.RUN_EVENTS_OUT),
    RUN_TIMEOUT("dev.drydock.run.timeout", Channels.RUN_EVENTS_OUT),
    RUN_SUPERSEDED("dev.drydock.run.superseded", Channels.RUN_EVENTS_OUT),
    IMPORT_REQUESTED("dev.drydock.import.requested", Channels.IMPORT_REQUESTS_OUT),
    CACHE_RULE_CREATED("dev.drydock.cache-rule.created", Channels.CACHE_RULE_EVENTS_OUT),
    CACHE_RULE_UPDATED("dev.drydock.cache-rule.updated", Channels.CACHE_RULE_EVENTS_OUT),
    CACHE_RULE_DELETED("dev.drydock.cache-rule.deleted", Channels.CACHE_RULE_EVENTS_OUT);

    private final String type;
    private final String channel;

    EventType(String type, String channel) {
        this.type = type;
        this.channel = channel;
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    public String channel() {
        return channel;
    }

    /** The first constant of that CloudEvents type (rebuild requests: the bulk lane's). */
    public static Optional<EventType> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }
}
