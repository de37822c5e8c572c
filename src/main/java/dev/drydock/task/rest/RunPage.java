package dev.drydock.task.rest;

import dev.drydock.task.run.RunView;
import java.util.List;

/** A page of runs, newest first, paged like the other lists. */
public record RunPage(List<RunView> items, int page, int size, long total) {}
