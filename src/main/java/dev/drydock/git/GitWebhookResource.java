package dev.drydock.git;

import dev.drydock.image.Digest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Push webhooks from GitHub, GitLab and Gitea. A verified push answers 202 with the runs it queued; other events
 * 202 with why they were ignored; a bad signature 401 with nothing stored. The signature is checked before the body
 * is parsed: an unsigned request is a 401 whatever it holds. Redeliveries create no second run.
 */
@Path("/api/v1/webhooks/git")
@Consumes({"application/json", "application/x-www-form-urlencoded", "*/*"})
@Tag(name = "Git webhooks", description = "Commit triggers")
public class GitWebhookResource {

    @Inject
    GitWebhookService service;

    @POST
    @Path("/github")
    @Operation(hidden = true, summary = "GitHub push webhook", description = "Verifies X-Hub-Signature-256; de-duplicates by X-GitHub-Delivery; ping answers 200.")
    public Response github(@HeaderParam("X-GitHub-Event") String event, @HeaderParam("X-GitHub-Delivery") String delivery,
            @HeaderParam("X-Hub-Signature-256") String signature, byte[] body) {
        GitWebhookService.Outcome outcome = service.handle(new GitWebhookService.Delivery(GitProvider.GITHUB, event,
                "push".equals(event), "ping".equals(event), deliveryId(delivery, body), signature, body));
        return Response.status("ping".equals(event) ? 200 : 202).entity(outcome).build();
    }

    @POST
    @Path("/gitlab")
    @Operation(hidden = true, summary = "GitLab push webhook", description = "Checks X-Gitlab-Token; Push Hook events start builds.")
    public Response gitlab(@HeaderParam("X-Gitlab-Event") String event, @HeaderParam("X-Gitlab-Event-UUID") String delivery,
            @HeaderParam("X-Gitlab-Token") String token, byte[] body) {
        return Response.accepted(service.handle(new GitWebhookService.Delivery(GitProvider.GITLAB, event,
                "Push Hook".equals(event), false, deliveryId(delivery, body), token, body))).build();
    }

    @POST
    @Path("/gitea")
    @Operation(hidden = true, summary = "Gitea push webhook", description = "Verifies X-Gitea-Signature; de-duplicates by X-Gitea-Delivery.")
    public Response gitea(@HeaderParam("X-Gitea-Event") String event, @HeaderParam("X-Gitea-Delivery") String delivery,
            @HeaderParam("X-Gitea-Signature") String signature, byte[] body) {
        return Response.accepted(service.handle(new GitWebhookService.Delivery(GitProvider.GITEA, event,
                "push".equals(event), false, deliveryId(delivery, body), signature, body))).build();
    }

    /** The provider's delivery id; without one, the body's hash stands in (the same bytes are the same delivery). */
    private static String deliveryId(String header, byte[] body) {
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        return Digest.sha256Of(body == null ? new byte[0] : body).toString();
    }
}
