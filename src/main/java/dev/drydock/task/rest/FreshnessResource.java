package dev.drydock.task.rest;

import dev.drydock.problem.Paging;
import dev.drydock.task.freshness.Freshness;
import dev.drydock.task.freshness.FreshnessService;
import dev.drydock.task.freshness.TaskFreshness;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/freshness")
@Tag(name = "Freshness", description = "Which images are not built from the current digest of their bases, and why")
public class FreshnessResource {

    @Inject
    FreshnessService freshness;

    @GET
    @Operation(operationId = "listTasksBehind", summary = "Tasks that are behind", description = "Each with why (base-unreachable, building, queued, "
            + "run-failed, upstream-behind, never-built, outdated), since when, and the bases it is behind on; the longest "
            + "behind first; pages start at 0. An empty list: every image is built from the newest digest of its bases.")
    public FreshnessPage behind(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        List<TaskFreshness> behind = Freshness.behind(freshness.all());
        long from = Math.min((long) page * size, behind.size());
        List<TaskFreshness> items = behind.subList((int) from, (int) Math.min(from + size, behind.size()));
        return new FreshnessPage(items, page, size, behind.size());
    }
}
