package dev.drydock.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.drydock.graph.GraphEdge;
import java.time.Instant;
import java.util.List;

/** A task as the API shows it: its definition (never its secret), what it depends on and produces. */
public record TaskView(
        String name,
        TaskSpec spec,
        List<GraphEdge> dependencies,
        List<String> outputs,
        String analyzedCommit,
        boolean stored,
        Instant createdAt,
        Instant updatedAt) {

    /** Target tags a base rebuild overwrites although they look immutable ({@link TagWarnings}). */
    @JsonProperty("warnings")
    public List<String> warnings() {
        return TagWarnings.of(spec);
    }
}
