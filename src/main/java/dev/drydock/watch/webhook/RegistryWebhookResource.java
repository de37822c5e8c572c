package dev.drydock.watch.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.problem.ProblemException;
import dev.drydock.security.Secrets;
import dev.drydock.watch.DetectedBy;
import dev.drydock.watch.Poller;
import dev.drydock.watch.TrackedBase;
import dev.drydock.watch.WatchConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Registry webhooks. Each pushed tag that drydock tracks gets an immediate check (a HEAD confirms the digest);
 * the answer is 202 with what will be checked. Redelivery is harmless: a second check finds no new digest.
 */
@Path("/api/v1/webhooks/registry")
@Tag(name = "Registry webhooks", description = "Push notifications from registries, turned into immediate checks")
public class RegistryWebhookResource {

    @Inject
    WatchConfig config;

    @Inject
    Poller poller;

    @Inject
    ObjectMapper json;

    /** What a webhook delivery led to. */
    public record WebhookAccepted(List<String> checking, List<String> untracked) {}

    @POST
    @Path("/distribution")
    @Consumes({"application/vnd.docker.distribution.events.v1+json", "application/json", "*/*"})
    @Operation(hidden = true, summary = "CNCF Distribution notifications", description = "Authorization: Bearer <drydock.watch.webhooks.distribution-token>. Optional ?registry=host:port when the registry is known by another name.")
    public Response distribution(@HeaderParam("Authorization") String authorization, @QueryParam("registry") String registry,
            String body) {
        requireSecret(config.webhooks().distributionToken(), bearer(authorization), "distribution-token");
        return accept(PushedTags.fromDistribution(requireBody(body), registry));
    }

    @POST
    @Path("/dockerhub")
    @Consumes({"application/json", "text/plain", "*/*"})
    @Operation(hidden = true, summary = "Docker Hub webhooks", description = "The webhook URL carries ?secret=<drydock.watch.webhooks.dockerhub-secret>.")
    public Response dockerHub(@QueryParam("secret") String secret, String body) {
        requireSecret(config.webhooks().dockerhubSecret(), secret, "dockerhub-secret");
        return accept(PushedTags.fromDockerHub(requireBody(body)));
    }

    @POST
    @Path("/harbor")
    @Consumes({"application/json", "text/plain", "*/*"})
    @Operation(hidden = true, summary = "Harbor webhooks", description = "Harbor sends the configured auth header: Authorization: <drydock.watch.webhooks.harbor-secret>.")
    public Response harbor(@HeaderParam("Authorization") String authorization, String body) {
        requireSecret(config.webhooks().harborSecret(), authorization, "harbor-secret");
        return accept(PushedTags.fromHarbor(requireBody(body)));
    }

    private Response accept(List<PushedTags.Pushed> pushed) {
        List<String> checking = new ArrayList<>();
        List<String> untracked = new ArrayList<>();
        for (PushedTags.Pushed tag : pushed) {
            String ref = tag.reference().toString();
            List<TrackedBase> bases = TrackedBase.list("reference", ref);
            if (bases.isEmpty()) {
                untracked.add(ref);
            }
            for (TrackedBase base : bases) {
                poller.checkSoon(base.id, DetectedBy.WEBHOOK, Optional.ofNullable(tag.digestHint()));
                checking.add(base.platform.isEmpty() ? base.reference : base.reference + " (" + base.platform + ")");
            }
        }
        return Response.accepted(new WebhookAccepted(checking, untracked)).build();
    }

    private JsonNode requireBody(String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("body", "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.badRequest("body", "a JSON object is required");
        }
        return node;
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }

    private static void requireSecret(Optional<String> configured, String presented, String setting) {
        if (configured.isEmpty() || configured.get().isBlank()) {
            throw ProblemException.unauthorized("this webhook is disabled: drydock.watch.webhooks." + setting + " is not set");
        }
        if (!Secrets.same(configured.get(), presented)) {
            throw ProblemException.unauthorized("missing or wrong webhook secret");
        }
    }
}
