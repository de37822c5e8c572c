package dev.drydock.task.run;

import dev.drydock.outbox.EventType;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a run is. Queued → Started → Running → one of the final ones. Superseded: a base-change run found, as it
 * started, that an earlier run had already built the task from the same base digests, so it built nothing.
 */
public enum RunStatus {
    Queued(EventType.RUN_QUEUED),
    Started(EventType.RUN_STARTED),
    Running(EventType.RUN_RUNNING),
    Succeeded(EventType.RUN_SUCCEEDED),
    Failed(EventType.RUN_FAILED),
    Canceled(EventType.RUN_CANCELED),
    Error(EventType.RUN_ERROR),
    Timeout(EventType.RUN_TIMEOUT),
    Superseded(EventType.RUN_SUPERSEDED);

    public static final Set<RunStatus> FINAL = EnumSet.of(Succeeded, Failed, Canceled, Error, Timeout, Superseded);
    public static final Set<RunStatus> ACTIVE = EnumSet.of(Started, Running);

    private final EventType event;

    RunStatus(EventType event) {
        this.event = event;
    }

    public EventType event() {
        return event;
    }

    public boolean isFinal() {
        return FINAL.contains(this);
    }
}
