package dev.drydock.front;

import dev.drydock.access.RepositoryAction;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one request to the front asks for: which part of the registry API, which repository, and the actions a
 * caller needs for it (Distribution's own mapping: GET/HEAD read, POST/PUT/PATCH write, DELETE delete, a blob
 * mount also reads its source).
 */
public record RegistryRoute(Kind kind, String repository, List<Need> needs) {

    public enum Kind {
        /** {@code /v2/}: the API version check. */
        BASE,
        /** {@code /v2/_catalog}. */
        CATALOG,
        /** Manifests, blobs, uploads and tag lists of one repository. */
        REPOSITORY,
        /** {@code /service/token}: forwarded to the token service. */
        TOKEN,
        /** Anything else: answered 404 without asking the backend. */
        UNKNOWN
    }

    /** An action on a repository the caller must be allowed. */
    public record Need(String repository, RepositoryAction action) {

        /** The distribution token scope that asks for it, for the challenge. */
        public String scope() {
            String verb = switch (action) {
                case CONTENT_READ, METADATA_READ -> "pull";
                case CONTENT_WRITE, METADATA_WRITE -> "pull,push";
                case CONTENT_DELETE -> "delete";
            };
            return "repository:" + repository + ":" + verb;
        }
    }

    /** Distribution's repository name grammar: lowercase components separated by {@code /}. */
    private static final Pattern NAME = Pattern.compile(
            "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
    private static final Pattern UPLOAD = Pattern.compile("/v2/(.+)/blobs/uploads/?([^/]*)");
    private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/([^/]+)");
    private static final Pattern TAGS = Pattern.compile("/v2/(.+)/tags/list");
    private static final Pattern REFERRERS = Pattern.compile("/v2/(.+)/referrers/([^/]+)");

    public static final String CATALOG_SCOPE = "registry:catalog:*";

    private static final RegistryRoute UNKNOWN_ROUTE = new RegistryRoute(Kind.UNKNOWN, "", List.of());

    /** The route of a request: its method, its path (without the query) and its raw query (null when absent). */
    public static RegistryRoute of(String method, String path, String query) {
        if (path.equals("/service/token")) {
            return new RegistryRoute(Kind.TOKEN, "", List.of());
        }
        if (path.equals("/v2/") || path.equals("/v2")) {
            return new RegistryRoute(Kind.BASE, "", List.of());
        }
        if (path.equals("/v2/_catalog")) {
            return method.equals("GET") ? new RegistryRoute(Kind.CATALOG, "", List.of()) : UNKNOWN_ROUTE;
        }
        Matcher upload = UPLOAD.matcher(path);
        if (upload.matches()) {
            return uploadRoute(method, upload.group(1), query);
        }
        Matcher manifest = MANIFEST.matcher(path);
        if (manifest.matches()) {
            return contentRoute(method, manifest.group(1), true);
        }
        Matcher blob = BLOB.matcher(path);
        if (blob.matches()) {
            return contentRoute(method, blob.group(1), false);
        }
        Matcher tags = TAGS.matcher(path);
        if (tags.matches() && method.equals("GET")) {
            return repository(tags.group(1), RepositoryAction.METADATA_READ);
        }
        Matcher referrers = REFERRERS.matcher(path);
        if (referrers.matches() && method.equals("GET")) {
            return repository(referrers.group(1), RepositoryAction.METADATA_READ);
        }
        return UNKNOWN_ROUTE;
    }

    /** Whether this is a manifest GET: a pull, as registries count them (a HEAD is not). */
    public static boolean isPull(String method, String path) {
        return method.equals("GET") && MANIFEST.matcher(path).matches();
    }

    /** The scope a challenge for this route asks for; null for {@code /v2/}. */
    public String scope() {
        return switch (kind) {
            case CATALOG -> CATALOG_SCOPE;
            case REPOSITORY -> needs.get(0).scope();
            default -> null;
        };
    }

    private static RegistryRoute contentRoute(String method, String name, boolean manifest) {
        return switch (method) {
            case "GET", "HEAD" -> repository(name, RepositoryAction.CONTENT_READ);
            case "PUT" -> manifest ? repository(name, RepositoryAction.CONTENT_WRITE) : UNKNOWN_ROUTE;
            case "DELETE" -> repository(name, RepositoryAction.CONTENT_DELETE);
            default -> UNKNOWN_ROUTE;
        };
    }

    private static RegistryRoute uploadRoute(String method, String name, String query) {
        if (!List.of("POST", "PUT", "PATCH", "GET", "DELETE").contains(method)) {
            return UNKNOWN_ROUTE;
        }
        RegistryRoute write = repository(name, RepositoryAction.CONTENT_WRITE);
        Optional<String> from = method.equals("POST") ? parameter(query, "from") : Optional.empty();
        if (write.kind != Kind.REPOSITORY || from.isEmpty()) {
            return write;
        }
        if (!NAME.matcher(from.get()).matches()) {
            return UNKNOWN_ROUTE;
        }
        return new RegistryRoute(Kind.REPOSITORY, name, List.of(write.needs.get(0),
                new Need(from.get(), RepositoryAction.CONTENT_READ)));
    }

    private static RegistryRoute repository(String name, RepositoryAction action) {
        if (!NAME.matcher(name).matches() || name.length() > 255) {
            return UNKNOWN_ROUTE;
        }
        return new RegistryRoute(Kind.REPOSITORY, name, List.of(new Need(name, action)));
    }

    static Optional<String> parameter(String query, String name) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
