package dev.drydock.watch.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;
import dev.drydock.image.MediaTypes;
import dev.drydock.problem.ProblemException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the tags a registry webhook says were pushed, for each supported payload shape. Payload digests are
 * not trusted: every named tag is checked with a HEAD before anything changes; a digest in the payload is only
 * a hint that the HEAD should have found it.
 */
final class PushedTags {

    private PushedTags() {}

    /** A pushed tag, and the digest the payload says it now points at (null when the payload names none). */
    record Pushed(ImageReference reference, String digestHint) {}

    /**
     * CNCF Distribution notifications: {@code {"events":[{"action":"push","target":{"mediaType","repository","tag","url"},
     * "request":{"host"}}]}}. Pulls, blob pushes and pushes by digest only are skipped.
     */
    static List<Pushed> fromDistribution(JsonNode body, String registryOverride) {
        JsonNode events = required(body, "events");
        if (!events.isArray()) {
            throw ProblemException.badRequest("events", "events must be an array");
        }
        Set<Pushed> tags = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            if (!"push".equals(event.path("action").asText())) {
                continue;
            }
            JsonNode target = event.path("target");
            String tag = target.path("tag").asText("");
            String mediaType = target.path("mediaType").asText("");
            if (tag.isEmpty() || !(MediaTypes.isIndex(mediaType) || MediaTypes.isImageManifest(mediaType))) {
                continue;
            }
            String repository = target.path("repository").asText("");
            if (repository.isEmpty()) {
                throw ProblemException.badRequest("events[" + i + "].target.repository", "a push event needs its repository");
            }
            String host = registryOverride != null ? registryOverride : hostOf(event, i);
            tags.add(new Pushed(reference(host + "/" + repository + ":" + tag, "events[" + i + "].target"),
                    digestHint(target.path("digest").asText(""))));
        }
        return new ArrayList<>(tags);
    }

    /** Docker Hub: {@code {"push_data":{"tag"},"repository":{"repo_name":"namespace/name"}}}. */
    static List<Pushed> fromDockerHub(JsonNode body) {
        String tag = required(required(body, "push_data"), "push_data.tag", "tag").asText();
        String repository = required(required(body, "repository"), "repository.repo_name", "repo_name").asText();
        return List.of(new Pushed(reference("docker.io/" + repository + ":" + tag, "repository.repo_name"), null));
    }

    /**
     * Harbor: {@code {"type":"PUSH_ARTIFACT","event_data":{"resources":[{"tag","resource_url":"host/ns/name:tag"}]}}}.
     * Other event types name no new digest and are skipped.
     */
    static List<Pushed> fromHarbor(JsonNode body) {
        String type = required(body, "type").asText();
        if (!"PUSH_ARTIFACT".equals(type)) {
            return List.of();
        }
        JsonNode resources = required(required(body, "event_data"), "event_data.resources", "resources");
        if (!resources.isArray()) {
            throw ProblemException.badRequest("event_data.resources", "resources must be an array");
        }
        Set<Pushed> tags = new LinkedHashSet<>();
        for (int i = 0; i < resources.size(); i++) {
            JsonNode resource = resources.get(i);
            if (resource.path("tag").asText("").isEmpty()) {
                continue;
            }
            String field = "event_data.resources[" + i + "].resource_url";
            String url = resource.path("resource_url").asText("");
            if (url.isEmpty()) {
                throw ProblemException.badRequest(field, "a pushed resource needs its resource_url");
            }
            tags.add(new Pushed(reference(url, field), digestHint(resource.path("digest").asText(""))));
        }
        return new ArrayList<>(tags);
    }

    /** A well-formed digest, or null: a malformed hint is ignored, never an error (the HEAD decides anyway). */
    private static String digestHint(String value) {
        try {
            return value.isEmpty() ? null : Digest.parse(value).toString();
        } catch (InvalidReferenceException e) {
            return null;
        }
    }

    private static String hostOf(JsonNode event, int i) {
        String host = event.path("request").path("host").asText("");
        if (!host.isEmpty()) {
            return host;
        }
        String url = event.path("target").path("url").asText("");
        try {
            URI uri = URI.create(url);
            if (uri.getHost() != null) {
                return uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
            }
        } catch (IllegalArgumentException e) {
            // fall through to the error below
        }
        throw ProblemException.badRequest("events[" + i + "].request.host",
                "cannot tell which registry the push went to (no request.host, no target.url)");
    }

    private static ImageReference reference(String value, String field) {
        try {
            return ImageReference.parse(value);
        } catch (InvalidReferenceException e) {
            throw ProblemException.badRequest(field, e.getMessage());
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        return required(node, field, field);
    }

    private static JsonNode required(JsonNode node, String path, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            throw ProblemException.badRequest(path, path + " is required");
        }
        return value;
    }
}
