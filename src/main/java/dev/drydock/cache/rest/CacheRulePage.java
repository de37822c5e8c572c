package dev.drydock.cache.rest;

import java.util.List;

/** A page of cache rules by name, paged like the other lists. */
public record CacheRulePage(List<CacheRuleView> items, int page, int size, long total) {}
