package dev.drydock.access.rest;

import java.util.List;

/** A page of scope maps by name, paged like the other lists. */
public record ScopeMapPage(List<ScopeMapView> items, int page, int size, long total) {}
