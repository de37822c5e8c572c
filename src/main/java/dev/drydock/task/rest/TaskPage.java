package dev.drydock.task.rest;

import dev.drydock.task.TaskView;
import java.util.List;

/** A page of tasks by name, paged like the other lists. */
public record TaskPage(List<TaskView> items, int page, int size, long total) {}
