package dev.drydock.graph;

import dev.drydock.problem.ProblemException;
import java.util.List;

/** Registering a task would make an image depend on itself. */
public class CycleException extends ProblemException {

    private final List<String> cycle;

    public CycleException(List<String> cycle) {
        super(409, "Dependency cycle", "this task would close a dependency cycle: " + String.join(" → ", cycle), "images");
        this.cycle = List.copyOf(cycle);
    }

    public List<String> cycle() {
        return cycle;
    }
}
