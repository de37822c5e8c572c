package dev.drydock.dashboard.web;

import dev.drydock.access.AnonymousPull;
import dev.drydock.dashboard.auth.SignedIn;
import dev.drydock.dashboard.auth.Viewer;
import dev.drydock.problem.ProblemException;
import dev.drydock.task.freshness.Freshness;
import dev.drydock.task.freshness.FreshnessService;
import dev.drydock.task.run.Run;
import dev.drydock.task.run.RunService;
import dev.drydock.task.run.RunStatus;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The home page: pending rebuilds. Runs building now first, then the queue in the order workers take it (oldest
 * first), each with its cause in words, pinned digests, age and place in line; then every task that is behind
 * (see {@link Freshness}) with why and since when; below, the latest finished runs.
 * A line under the heading says whether the private registry allows anonymous pull, with its warning.
 * {@code ?part=list} renders the lists alone, for the page's script to fetch again on each run event.
 */
@Path("/")
@SignedIn
@Produces(MediaType.TEXT_HTML)
public class PendingPage {

    /** Runs of each pending status read at most (the newest ones, as {@link RunService#list} orders them). */
    static final int MAX_PENDING = 500;
    static final int RECENT = 10;

    @Inject
    RunService runs;

    @Inject
    RunRows rows;

    @Inject
    FreshnessService freshness;

    @Inject
    Viewer viewer;

    @Inject
    AnonymousPull anonymousPull;

    @GET
    public TemplateInstance page(@QueryParam("part") String part) {
        Chrome chrome = Chrome.of(viewer, "Pending rebuilds", "pending");
        Pending pending = pending();
        return "list".equals(part) ? Templates.pending$list(chrome, pending)
                : Templates.pending(chrome, pending, anonymousPull.get());
    }

    Pending pending() {
        Instant now = Instant.now();
        List<Run> building = new ArrayList<>();
        building.addAll(list(RunStatus.Started));
        building.addAll(list(RunStatus.Running));
        building.sort(Comparator.comparing(r -> r.id));
        List<Run> queued = new ArrayList<>(list(RunStatus.Queued));
        queued.sort(Comparator.comparing(r -> r.id));
        List<RunRow> queue = new ArrayList<>();
        for (int i = 0; i < queued.size(); i++) {
            queue.add(rows.row(queued.get(i), i + 1, now));
        }
        List<RunRow> recent = runs.list(Optional.empty(), Optional.empty(), Optional.empty(), 0, 5 * RECENT).stream()
                .filter(r -> r.status.isFinal()).limit(RECENT).map(r -> rows.row(r, 0, now)).toList();
        List<BehindRow> behind = Freshness.behind(freshness.all()).stream().map(f -> BehindRow.of(f, now)).toList();
        List<RunRow> buildingRows = building.stream().map(r -> rows.row(r, 0, now)).toList();
        List<Run> finished = runs.list(Optional.empty(), Optional.empty(), Optional.empty(), 0, MAX_PENDING).stream()
                .filter(r -> r.status.isFinal()).toList();
        List<CauseGroup> groups = CauseGroup.of(buildingRows, queue,
                finished.stream().map(r -> rows.row(r, 0, now)).toList(), meanBuild(finished), now);
        return new Pending(buildingRows, queue, behind, recent, groups);
    }

    // The mean time of the latest finished builds; empty before the first.
    private static Optional<java.time.Duration> meanBuild(List<Run> finished) {
        List<java.time.Duration> took = finished.stream().filter(r -> r.startedAt != null && r.finishedAt != null)
                .limit(50).map(r -> java.time.Duration.between(r.startedAt, r.finishedAt)).toList();
        return took.isEmpty() ? Optional.empty()
                : Optional.of(took.stream().reduce(java.time.Duration.ZERO, java.time.Duration::plus).dividedBy(took.size()));
    }

    private List<Run> list(RunStatus status) {
        return runs.list(Optional.empty(), Optional.of(status), Optional.empty(), 0, MAX_PENDING);
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return ErrorPages.of(viewer, e);
    }
}
