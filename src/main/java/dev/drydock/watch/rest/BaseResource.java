package dev.drydock.watch.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.problem.Paging;
import dev.drydock.problem.Problem;
import dev.drydock.problem.ProblemException;
import dev.drydock.watch.BaseRecorder;
import dev.drydock.watch.BaseService;
import dev.drydock.watch.BaseStatus;
import dev.drydock.watch.DetectedBy;
import dev.drydock.watch.Poller;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/bases")
@Tag(name = "Bases", description = "Base images drydock watches for new digests")
public class BaseResource {

    @Inject
    BaseService bases;

    @Inject
    Poller poller;

    @POST
    @Operation(operationId = "trackBase", summary = "Track a base image",
            description = "201 with the new base; 200 with the existing one when it is tracked already.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = TrackBaseRequest.class),
            examples = @ExampleObject(name = "base", value = "{\"reference\": \"127.0.0.1:5001/library/base:1\", \"intervalSeconds\": 30}")))
    @APIResponse(responseCode = "201", description = "Tracked from now on",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = BaseView.class)))
    @APIResponse(responseCode = "200", description = "It was tracked already",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = BaseView.class)))
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
    @Operation(operationId = "listBases", summary = "List tracked bases",
            description = "Filter by reference (any spelling of it: all platforms of it, on one page) or status; pages "
                    + "start at 0, size at most " + Paging.MAX_SIZE + ".")
    public BasePage list(
            @Parameter(description = "ok, pending, unreachable, unauthorized, rate-limited or not-found")
            @QueryParam("status") String status,
            @Parameter(description = "An image reference, e.g. eclipse-temurin:21-jre") @QueryParam("reference") String reference,
            @QueryParam("page") @DefaultValue("0") int page,
            @Parameter(description = "At most " + Paging.MAX_SIZE) @QueryParam("size") @DefaultValue("50") int size) {
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
    @Operation(operationId = "getBase", summary = "One tracked base")
    public BaseView get(@PathParam("id") long id) {
        return BaseView.of(bases.get(id));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({"application/merge-patch+json", "application/json"})
    @Operation(operationId = "patchBase", summary = "Change a base's interval or credential set (JSON merge patch)",
            description = "Fields left out stay; null resets intervalSeconds to the default and removes credentials. "
                    + "A new interval counts from the last check, so it takes effect at the next check.")
    @RequestBody(required = true, content = @Content(mediaType = "application/merge-patch+json",
            schema = @Schema(implementation = BasePatch.class),
            examples = @ExampleObject(name = "interval", value = "{\"intervalSeconds\": 600}")))
    public BaseView patch(@PathParam("id") long id, JsonNode patch) {
        return BaseView.of(bases.change(id, BasePatch.read(patch)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteBase", summary = "Stop tracking a base",
            description = "409 while tasks build FROM it: the problem's detail names them.")
    @APIResponse(responseCode = "204", description = "No longer tracked")
    @APIResponse(responseCode = "409", description = "Tasks still build FROM this base",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") long id) {
        bases.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/check")
    @Operation(operationId = "checkBase", summary = "Check a base now", description = "One HEAD request; answers whether the digest changed.")
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
