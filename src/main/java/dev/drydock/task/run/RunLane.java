package dev.drydock.task.run;

import dev.drydock.outbox.EventType;

/**
 * Which queue a run's rebuild request waits in. A base change can queue hundreds of runs at once (a fan-out); a
 * person waiting for a manual run, or one task's commit or timer, should not wait behind them. Each lane is its own
 * topic with its own workers, so an interactive run starts while a fan-out drains.
 */
public enum RunLane {
    /** Base changes and their cascades: {@code drydock.rebuild-requests}. */
    BULK(EventType.REBUILD_REQUESTED),
    /** Manual, commit and timer runs, one task at a time: {@code drydock.rebuild-requests.interactive}. */
    INTERACTIVE(EventType.REBUILD_REQUESTED_INTERACTIVE);

    private final EventType request;

    RunLane(EventType request) {
        this.request = request;
    }

    public static RunLane of(RunTrigger trigger) {
        return trigger == RunTrigger.ImageUpdate ? BULK : INTERACTIVE;
    }

    /** The event that asks a worker of this lane to build a run. */
    public EventType request() {
        return request;
    }
}
