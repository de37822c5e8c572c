package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** The Cache page: one page of cache rules by name, with what each did. */
@TemplateData
public record CacheList(List<CacheRuleRow> rules, long total, int page, String newer, String older) {

    /** The page number people read: the first is 1. */
    public int pageNumber() {
        return page + 1;
    }
}
