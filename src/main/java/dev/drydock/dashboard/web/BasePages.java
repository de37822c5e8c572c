package dev.drydock.dashboard.web;

import dev.drydock.dashboard.auth.SignedIn;
import dev.drydock.dashboard.auth.Viewer;
import dev.drydock.graph.DependencyGraph;
import dev.drydock.problem.ProblemException;
import dev.drydock.watch.BaseRecorder;
import dev.drydock.watch.BaseService;
import dev.drydock.watch.BaseStatus;
import dev.drydock.watch.DetectedBy;
import dev.drydock.watch.Poller;
import dev.drydock.watch.TrackedBase;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every tracked base: digest, last and next check, status, last error, how many tasks build FROM it, and a
 * "check now" button (one HEAD request, as {@code POST /api/v1/bases/{id}/check}).
 */
@Path("/bases")
@SignedIn
@Produces(MediaType.TEXT_HTML)
public class BasePages {

    static final int PAGE_SIZE = 100;

    @Inject
    BaseService bases;

    @Inject
    Poller poller;

    @Inject
    DependencyGraph graph;

    @Inject
    Viewer viewer;

    @GET
    public TemplateInstance list(@QueryParam("status") String status, @QueryParam("q") String q,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("checked") Long checked, @QueryParam("changed") @DefaultValue("false") boolean changed, @QueryParam("part") String part) {
        Optional<BaseStatus> filter = Optional.ofNullable(status).flatMap(BaseStatus::ofWire);
        String search = q == null ? "" : q.strip();
        int current = Math.max(0, page);
        Instant now = Instant.now();
        List<BaseRow> rows = (search.isEmpty() ? bases.list(filter, current, PAGE_SIZE)
                : bases.search(filter, search, current, PAGE_SIZE)).stream().map(b -> row(b, now)).toList();
        long total = search.isEmpty() ? bases.count(filter) : bases.countSearch(filter, search);
        List<Option> statuses = Arrays.stream(BaseStatus.values())
                .map(s -> new Option(s.wire(), s.wire(), filter.map(s::equals).orElse(false))).toList();
        String query = Names.query(filter.map(s -> "status=" + s.wire()).orElse(""), "q", search);
        String base = "/bases?" + (query.isEmpty() ? "" : query + "&");
        String notice = null;
        boolean problem = false;
        if (checked != null) {
            Optional<TrackedBase> found = bases.find(checked);
            if (found.isPresent()) {
                TrackedBase b = found.get();
                problem = b.baseStatus() != BaseStatus.OK;
                notice = "Checked " + Names.image(b.reference) + ": " + (problem
                        ? b.status + (b.lastError == null ? "" : " — " + b.lastError)
                        : changed ? "new digest " + Names.digest(b.effectiveDigest()) + "; its dependents are queued for rebuild."
                                : "no change.");
            }
        }
        BaseList list = new BaseList(rows, statuses, search, total, current, query,
                current > 0 ? base + "page=" + (current - 1) : null,
                (long) (current + 1) * PAGE_SIZE < total ? base + "page=" + (current + 1) : null, notice, problem);
        Chrome chrome = Chrome.of(viewer, "Bases", "bases");
        return "table".equals(part) ? Templates.bases$table(chrome, list) : Templates.bases(chrome, list);
    }

    @POST
    @Path("/{id}/check")
    public Response check(@PathParam("id") long id) {
        bases.get(id);
        BaseRecorder.Recorded recorded = poller.checkNow(id, DetectedBy.MANUAL);
        if (recorded.base() == null) {
            throw ProblemException.notFound("base", id);
        }
        return Response.seeOther(URI.create("/bases?checked=" + id + "&changed=" + recorded.change().isPresent()
                + "#base-" + id)).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return ErrorPages.of(viewer, e);
    }

    private BaseRow row(TrackedBase b, Instant now) {
        String digest = b.effectiveDigest();
        return new BaseRow(b.id, b.reference, Names.image(b.reference), b.platform.isEmpty() ? null : b.platform, digest,
                Names.digest(digest), b.baseStatus().wire(), b.baseStatus().wire(), Times.of(b.lastCheckedAt, now),
                Times.of(b.nextCheckAt, now), Times.of(b.lastChangedAt, now), b.lastError,
                graph.directDependents(b.reference).size(), b.trackedExplicitly, b.intervalSeconds,
                "/graph?base=" + URLEncoder.encode(b.reference, StandardCharsets.UTF_8) + "#picture");
    }
}
