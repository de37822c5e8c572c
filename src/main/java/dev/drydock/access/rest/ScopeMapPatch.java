package dev.drydock.access.rest;

import java.util.List;

/** Body of {@code PATCH /api/v1/scope-maps/{name}}: a field given replaces the old value, one left out stays. */
public record ScopeMapPatch(String description, List<ScopeMapLine> repositories) {}
