package dev.drydock.access.rest;

import dev.drydock.access.ScopeMap;
import java.time.Instant;
import java.util.List;

/** A scope map as the API shows it. */
public record ScopeMapView(String name, String description, List<ScopeMapLine> repositories, Instant created) {

    static ScopeMapView of(ScopeMap map) {
        return new ScopeMapView(map.name(), map.description(), map.repositories().stream().map(ScopeMapLine::of).toList(),
                map.created());
    }
}
