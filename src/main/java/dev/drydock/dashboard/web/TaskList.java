package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * The tasks page: one page of the tasks that match the search.
 *
 * @param search text the name or definition must contain; empty for all
 * @param total tasks that match
 */
@TemplateData
public record TaskList(List<TaskRow> tasks, String search, int total, int page, String newer, String older) {

    /** The page number people read: the first is 1. */
    public int pageNumber() {
        return page + 1;
    }
}
