package dev.drydock.graph.buildfile;

import java.util.List;

/** A target stage that the Dockerfile does not have; says which stages it has. */
public class UnknownTargetException extends BuildFileSyntaxException {

    private static final long serialVersionUID = 1L;

    UnknownTargetException(String target, List<String> stages) {
        super(1, "target " + target + " is not a stage of the Dockerfile: " + (stages.isEmpty()
                ? "it has no named stage (FROM <image> AS <name>)"
                : "its stages are " + String.join(", ", stages)));
    }
}
