package dev.drydock.task.run;

/** Why a run exists. */
public enum RunTrigger {
    Manual,
    Commit,
    Timer,
    ImageUpdate
}
