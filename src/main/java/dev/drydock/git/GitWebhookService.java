package dev.drydock.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.problem.ProblemException;
import dev.drydock.task.GitUrls;
import dev.drydock.task.Task;
import dev.drydock.task.TaskService;
import dev.drydock.task.run.Cause;
import dev.drydock.task.trigger.TriggerService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Verifies a git push delivery and turns it into Commit runs of the tasks that build that repository and branch. */
@ApplicationScoped
public class GitWebhookService {

    @Inject
    GitConfig config;

    @Inject
    TaskService tasks;

    @Inject
    TriggerService triggers;

    @Inject
    ObjectMapper json;

    /** What a delivery did: runs created, and why anything was ignored. */
    public record Outcome(List<Long> runs, List<String> ignored) {}

    /** A push (or other event) as received; {@code isPush} and {@code isPing} from the provider's event header. */
    public record Delivery(GitProvider provider, String event, boolean isPush, boolean isPing, String deliveryId,
            String signature, byte[] body) {}

    /**
     * Verifies before anything else: a delivery signed with the global secret is checked without reading the body
     * or the database; one without a signature is refused at once; only a signed delivery is parsed to find the
     * tasks whose own secrets may verify it, and a body that cannot be parsed then is unverifiable (401, not 400).
     */
    @Transactional
    public Outcome handle(Delivery d) {
        boolean globalOk = config.webhookSecret().map(s -> d.provider().verifies(s, d.body(), d.signature())).orElse(false);
        if (!globalOk && (d.signature() == null || d.signature().isBlank())) {
            throw unverified(d);
        }
        Optional<JsonNode> parsed = parse(d.body());
        if (parsed.isEmpty()) {
            if (globalOk) {
                throw ProblemException.badRequest("body", "a JSON object is required");
            }
            throw unverified(d);
        }
        JsonNode payload = parsed.get();
        Set<String> urls = d.provider().repositoryUrls(payload).stream().map(GitUrls::normalise).collect(Collectors.toSet());
        List<Task> candidates = urls.isEmpty() ? List.of() : Task.<Task>list("commitEnabled = true and gitUrl in ?1", urls);
        List<Task> verified = globalOk ? candidates : candidates.stream()
                .filter(t -> tasks.commitSecret(t).map(s -> d.provider().verifies(s, d.body(), d.signature())).orElse(false))
                .toList();
        if (!globalOk && verified.isEmpty()) {
            throw unverified(d);
        }
        return act(d, payload, urls, verified);
    }

    private Outcome act(Delivery d, JsonNode payload, Set<String> urls, List<Task> verified) {
        if (d.isPing()) {
            return new Outcome(List.of(), List.of("ping: nothing to build"));
        }
        if (!d.isPush()) {
            return new Outcome(List.of(), List.of("event '" + d.event() + "' is not a push; only pushes start builds"));
        }
        String ref = payload.path("ref").asText("");
        String commit = payload.path("after").asText(payload.path("checkout_sha").asText(""));
        if (!ref.startsWith("refs/heads/")) {
            return new Outcome(List.of(), List.of("ref '" + ref + "' is not a branch"));
        }
        if (payload.path("deleted").asBoolean(false) || commit.isEmpty() || commit.matches("0+")) {
            return new Outcome(List.of(), List.of("branch deleted: nothing to build"));
        }
        String branch = ref.substring("refs/heads/".length());
        List<Long> runs = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        if (verified.isEmpty()) {
            ignored.add("no task builds " + String.join(" / ", urls) + " on commit");
        }
        for (Task task : verified) {
            if (!branch.equals(task.commitBranch)) {
                ignored.add("task " + task.name + " builds branch " + task.commitBranch + ", not " + branch);
                continue;
            }
            Cause cause = Cause.commit(d.provider().id(), branch, commit, d.deliveryId(), d.provider().pusher(payload), Instant.now());
            triggers.commit(task, cause, branch).ifPresentOrElse(run -> runs.add(run.id),
                    () -> ignored.add("delivery " + d.deliveryId() + " was already handled for task " + task.name));
        }
        return new Outcome(runs, ignored);
    }

    private Optional<JsonNode> parse(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readTree(body)).filter(JsonNode::isObject);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static ProblemException unverified(Delivery d) {
        return ProblemException.unauthorized("the " + d.provider().id() + " webhook signature does not match any configured secret");
    }
}
