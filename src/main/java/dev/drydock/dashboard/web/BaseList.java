package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * The bases page: one page of tracked bases and the outcome of a check someone just asked for.
 *
 * @param search the text references must contain; empty for all
 * @param notice what the last "check now" found, or null
 */
@TemplateData
public record BaseList(List<BaseRow> bases, List<Option> statuses, String search, long total, int page, String query, String newer,
        String older, String notice, boolean noticeProblem) {

    /** The page number people read: the first is 1. */
    public int pageNumber() {
        return page + 1;
    }
}
