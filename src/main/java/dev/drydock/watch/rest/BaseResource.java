package dev.drydock.watch.rest;

import dev.drydock.problem.Paging;
import dev.drydock.problem.ProblemException;
import dev.drydock.watch.BaseRecorder;
import dev.drydock.watch.BaseService;
import dev.drydock.watch.BaseStatus;
import dev.drydock.watch.DetectedBy;
import dev.drydock.watch.Poller;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/bases")
@Tag(name = "Bases", description = "Base images drydock watches for new digests")
public class BaseResource {

    @Inject
    BaseService bases;

    @Inject
    Poller poller;

    @POST
    @Operation(summary = "Track a base image", description = "201 with the new base; 200 with the existing one when it is tracked already.")
    public Response track(TrackBaseRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("reference", "a JSON body with a reference is required");
        }
        BaseService.Tracked tracked = bases.track(new BaseService.TrackRequest(request.reference(),
                request.intervalSeconds(), request.credentials(), request.platform()), true);
        BaseView view = BaseView.of(tracked.base());
        if (!tracked.created()) {
            return Response.ok(view).build();
        }
        return Response.created(URI.create("/api/v1/bases/" + view.id())).entity(view).build();
    }

    @GET
    @Operation(summary = "List tracked bases", description = "Filter by reference (any spelling of it) or status (ok, pending, unreachable, unauthorized, rate-limited, not-found); pages start at 0.")
    public BasePage list(@QueryParam("status") String status, @QueryParam("reference") String reference,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        Optional<BaseStatus> filter = Optional.empty();
        if (status != null && !status.isBlank()) {
            filter = Optional.of(BaseStatus.ofWire(status).orElseThrow(() -> ProblemException.badRequest("status",
                    "unknown status '" + status + "'; one of pending, ok, unreachable, unauthorized, rate-limited, not-found")));
        }
        Paging.check(page, size);
        if (reference != null && !reference.isBlank()) {
            Optional<BaseStatus> only = filter;
            List<BaseView> matching = bases.byReference(reference).stream().map(BaseView::of)
                    .filter(b -> only.isEmpty() || b.status() == only.get()).toList();
            return new BasePage(matching, 0, matching.size(), matching.size());
        }
        return new BasePage(bases.list(filter, page, size).stream().map(BaseView::of).toList(), page, size,
                bases.count(filter));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One tracked base")
    public BaseView get(@PathParam("id") long id) {
        return BaseView.of(bases.get(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Stop tracking a base")
    public Response delete(@PathParam("id") long id) {
        bases.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/check")
    @Operation(summary = "Check a base now", description = "One HEAD request; answers whether the digest changed.")
    public CheckResult check(@PathParam("id") long id) {
        bases.get(id);
        BaseRecorder.Recorded recorded = poller.checkNow(id, DetectedBy.MANUAL);
        if (recorded.base() == null) {
            throw ProblemException.notFound("base", id);
        }
        return new CheckResult(recorded.change().isPresent(), recorded.previousDigest(),
                recorded.base().effectiveDigest(), recorded.base().baseStatus(), recorded.base().lastError,
                BaseView.of(recorded.base()));
    }
}
