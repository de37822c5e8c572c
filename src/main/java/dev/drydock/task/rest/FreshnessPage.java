package dev.drydock.task.rest;

import dev.drydock.task.freshness.TaskFreshness;
import java.util.List;

/** The tasks that are behind, the longest behind first, paged like the other lists. */
public record FreshnessPage(List<TaskFreshness> items, int page, int size, long total) {}
