package dev.drydock.rebuild.worker;

import dev.drydock.task.run.RunStatus;

/** A step found why the run cannot be built (a missing build file or base, a syntax error): the run ends so. */
final class StepFailure extends Exception {

    private final RunStatus status;

    StepFailure(RunStatus status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    static StepFailure failed(String reason) {
        return new StepFailure(RunStatus.Failed, reason);
    }

    RunStatus status() {
        return status;
    }
}
