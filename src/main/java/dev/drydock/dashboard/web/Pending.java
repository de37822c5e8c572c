package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** The home page: runs building now, runs waiting in queue order, and the latest finished ones. */
@TemplateData
public record Pending(List<RunRow> building, List<RunRow> queued, List<RunRow> recent) {

    public int count() {
        return building.size() + queued.size();
    }
}
