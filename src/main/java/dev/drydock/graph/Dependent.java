package dev.drydock.graph;

import java.util.List;

/**
 * A task that depends on an image, directly (depth 1) or through other tasks' outputs. {@code path} alternates
 * images and task names from the changed image to this task, e.g. [base, app-base, registry/app-base:1, app].
 */
public record Dependent(String task, int depth, boolean runtime, List<String> path) {}
