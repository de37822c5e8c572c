package dev.drydock.graph;

/** One dependency of a task on an image, as stored: normalised reference, stage index, runtime or not. */
public record GraphEdge(String reference, int stage, boolean runtime, boolean pinned, String platform) {}
