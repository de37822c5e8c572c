package dev.drydock.access.rest;

import java.util.List;

/** Body of {@code POST /api/v1/scope-maps}. */
public record CreateScopeMapRequest(String name, String description, List<ScopeMapLine> repositories) {}
