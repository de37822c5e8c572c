package dev.drydock.graph.buildfile;

/** The engine a task asks for (or every engine) cannot build its build file; the message says why. */
public class EngineRefusedException extends RuntimeException {

    public EngineRefusedException(String message) {
        super(message);
    }
}
