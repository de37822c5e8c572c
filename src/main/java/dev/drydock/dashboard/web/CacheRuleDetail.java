package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * A cache rule's page: the rule as on the list, its tag sync, and one page of the tags it filled, newest first.
 *
 * @param sync the tag sync in words, empty when the rule has none
 * @param tagsTotal every tag the rule filled
 */
@TemplateData
public record CacheRuleDetail(CacheRuleRow rule, List<String> sync, Times created, Times updated,
        List<CachedTagRow> tags, long tagsTotal, int page, String newer, String older) {

    /** The page number people read: the first is 1. */
    public int pageNumber() {
        return page + 1;
    }
}
