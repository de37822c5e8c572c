package dev.drydock.rebuild.worker;

/** A rebuild request names a run that does not exist (never did, or its task was deleted): it can never be built. */
public class UnknownRunException extends RuntimeException {

    public UnknownRunException(long runId) {
        super("no run " + runId);
    }
}
