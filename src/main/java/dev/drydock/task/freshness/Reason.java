package dev.drydock.task.freshness;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a task is behind, in the order {@link Freshness} picks the first that applies: what stops a rebuild beats
 * what is under way, which beats what has merely not happened yet.
 */
public enum Reason {
    /** A base it builds FROM could not be checked (unreachable, unauthorized, rate-limited, not found). */
    BASE_UNREACHABLE("base-unreachable"),
    /** A run of the task is building now. */
    BUILDING("building"),
    /** A run of the task is waiting for a worker. */
    QUEUED("queued"),
    /** The task's latest run ended without success (Failed, Error, Timeout, Canceled). */
    RUN_FAILED("run-failed"),
    /** An image it builds FROM is another task's, and that task is behind. */
    UPSTREAM_BEHIND("upstream-behind"),
    /** No run of the task has succeeded yet. */
    NEVER_BUILT("never-built"),
    /** Its last successful build used an older digest and no run is queued yet (the change is on its way). */
    OUTDATED("outdated");

    private final String wire;

    Reason(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
