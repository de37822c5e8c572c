package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * The home page: runs building now, runs waiting in queue order, the tasks whose images are behind their bases,
 * and the latest finished runs.
 */
@TemplateData
public record Pending(List<RunRow> building, List<RunRow> queued, List<BehindRow> behind, List<RunRow> recent,
        List<CauseGroup> groups) {

    public int count() {
        return building.size() + queued.size();
    }
}
