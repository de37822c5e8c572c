package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * The runs page: one page of runs, the filter choices, and links to the pages before and after.
 *
 * @param query the filters as a query string (without page), for links and the live re-fetch
 * @param deadLetters rebuild requests this replica dead-lettered since it started (they can never be built)
 */
@TemplateData
public record RunList(List<RunRow> runs, List<Option> tasks, List<Option> statuses, List<Option> triggers,
        boolean filtered, int page, String query, String newer, String older, long deadLetters) {

    /** The page number people read: the first is 1. */
    public int pageNumber() {
        return page + 1;
    }
}
