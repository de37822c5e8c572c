package dev.drydock.image;

import dev.drydock.image.InvalidReferenceException.Part;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference {@code [domain/]path[:tag][@digest]}, normalised the way docker does: no domain
 * means {@code docker.io}, a single Docker Hub path component gets {@code library/}, and a missing tag
 * reads as {@code latest}. The domain is lower-cased (host names are case-insensitive); the path never
 * is, an upper-case path is an error.
 *
 * <p>Two references are equal when their {@link #toString()} forms are, so {@code nginx} equals {@code
 * docker.io/library/nginx:latest}.
 */
public final class ImageReference {

    public static final String DOCKER_HUB = "docker.io";
    public static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";
    public static final String DEFAULT_TAG = "latest";
    public static final String OFFICIAL_NAMESPACE = "library";
    /** Limit on {@link #name()}, measured after normalisation as docker does. */
    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_TAG_LENGTH = 128;

    private static final String HOST_LABEL = "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?";
    private static final Pattern HOST_NAME = Pattern.compile(HOST_LABEL + "(?:\\." + HOST_LABEL + ")*");
    private static final Pattern IPV6 = Pattern.compile("\\[[a-fA-F0-9:]+\\]");
    private static final Pattern PORT = Pattern.compile("[0-9]+");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");

    private final String registry;
    private final String repository;
    private final String tag;
    private final Digest digest;
    private final String canonical;

    private ImageReference(String registry, String repository, String tag, Digest digest) {
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
        this.canonical = name() + suffix();
    }

    /** Parses a reference as written by users, e.g. {@code nginx}, {@code ghcr.io/a/b:1@sha256:...}. */
    public static ImageReference parse(String s) {
        Objects.requireNonNull(s, "reference");
        if (s.isEmpty()) {
            throw new InvalidReferenceException(s, Part.REFERENCE, "reference must not be empty");
        }
        if (s.contains("://")) {
            throw new InvalidReferenceException(s, Part.DOMAIN, "reference must not include a URL scheme");
        }
        if (IMAGE_ID.matcher(s).matches()) {
            throw new InvalidReferenceException(s, Part.PATH,
                    "repository must not be 64 hex characters: that is an image id, not a name");
        }

        String rest = s;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String digestText = rest.substring(at + 1);
            if (digestText.isEmpty()) {
                throw new InvalidReferenceException(s, Part.DIGEST, "missing digest after '@'");
            }
            digest = Digest.parse(digestText, s);
            rest = rest.substring(0, at);
        }

        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            checkTag(tag, s);
            rest = rest.substring(0, colon);
        }

        String registry = DOCKER_HUB;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0 && isDomain(rest.substring(0, slash)) && !isHubPath(rest.substring(0, slash))) {
            registry = normaliseDomain(rest.substring(0, slash), s);
            path = rest.substring(slash + 1);
        }
        checkPath(path, s);
        if (registry.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
            path = OFFICIAL_NAMESPACE + "/" + path;
        }
        int nameLength = registry.length() + 1 + path.length();
        if (nameLength > MAX_NAME_LENGTH) {
            throw new InvalidReferenceException(s, Part.PATH, "name (domain/repository) must be at most "
                    + MAX_NAME_LENGTH + " characters, got " + nameLength);
        }
        return new ImageReference(registry, path, tag, digest);
    }

    // As in docker: a host needs a dot or a port, or must be localhost; "a/b" is Docker Hub's a/b.
    private static boolean isDomain(String component) {
        return component.indexOf('.') >= 0 || component.indexOf(':') >= 0 || component.equals("localhost");
    }

    // The grammar's domain is optional: "ex_ample.com/app" is no host (a '_'), so it is all path.
    private static boolean isHubPath(String component) {
        return PATH_COMPONENT.matcher(component).matches() && !HOST_NAME.matcher(component).matches();
    }

    private static String normaliseDomain(String domain, String input) {
        String host = domain;
        String port = null;
        if (domain.startsWith("[")) {
            int close = domain.indexOf(']');
            if (close < 0) {
                throw new InvalidReferenceException(input, Part.DOMAIN, "IPv6 address must end with ']'");
            }
            host = domain.substring(0, close + 1);
            String afterHost = domain.substring(close + 1);
            if (!afterHost.isEmpty()) {
                if (!afterHost.startsWith(":")) {
                    throw new InvalidReferenceException(input, Part.DOMAIN,
                            "IPv6 address may only be followed by :port");
                }
                port = afterHost.substring(1);
            }
            if (!IPV6.matcher(host).matches()) {
                throw new InvalidReferenceException(input, Part.DOMAIN, "invalid IPv6 address \"" + host + "\"");
            }
        } else {
            int colon = domain.indexOf(':');
            if (colon >= 0) {
                host = domain.substring(0, colon);
                port = domain.substring(colon + 1);
            }
            if (!HOST_NAME.matcher(host).matches()) {
                throw new InvalidReferenceException(input, Part.DOMAIN, "invalid host name \"" + host + "\"");
            }
        }
        if (port != null && !PORT.matcher(port).matches()) {
            throw new InvalidReferenceException(input, Part.DOMAIN, "port must be digits, got \"" + port + "\"");
        }
        String normalised = domain.toLowerCase(Locale.ROOT);
        if (normalised.equals("index.docker.io") || normalised.equals(DOCKER_HUB_API_HOST)) {
            return DOCKER_HUB;
        }
        return normalised;
    }

    private static void checkPath(String path, String input) {
        if (path.isEmpty()) {
            throw new InvalidReferenceException(input, Part.PATH, "repository must not be empty");
        }
        for (String component : path.split("/", -1)) {
            if (component.isEmpty()) {
                throw new InvalidReferenceException(input, Part.PATH,
                        "repository must not have empty components (leading, trailing or double '/')");
            }
            if (PATH_COMPONENT.matcher(component).matches()) {
                continue;
            }
            if (PATH_COMPONENT.matcher(component.toLowerCase(Locale.ROOT)).matches()) {
                throw new InvalidReferenceException(input, Part.PATH, "repository must be lower-case");
            }
            throw new InvalidReferenceException(input, Part.PATH, "invalid repository component \"" + component
                    + "\": use a-z and 0-9, separated by single '.', '_', '__' or dashes");
        }
    }

    /** Whether {@code tag} is a tag of the reference grammar (letters, digits, {@code _.-}, at most 128 characters). */
    public static boolean isTag(String tag) {
        return !tag.isEmpty() && tag.length() <= MAX_TAG_LENGTH && TAG.matcher(tag).matches();
    }

    private static void checkTag(String tag, String input) {
        if (tag.isEmpty()) {
            throw new InvalidReferenceException(input, Part.TAG, "tag must not be empty after ':'");
        }
        if (tag.length() > MAX_TAG_LENGTH) {
            throw new InvalidReferenceException(input, Part.TAG,
                    "tag must be at most " + MAX_TAG_LENGTH + " characters, got " + tag.length());
        }
        if (!TAG.matcher(tag).matches()) {
            throw new InvalidReferenceException(input, Part.TAG, "invalid tag \"" + tag
                    + "\": use letters, digits, '_', '.' and '-', not starting with '.' or '-'");
        }
    }

    /** Normalised registry host and optional port, e.g. {@code docker.io}, {@code localhost:5000}. */
    public String registry() {
        return registry;
    }

    /** Repository path, e.g. {@code library/nginx}. */
    public String repository() {
        return repository;
    }

    /** The tag as written; empty when none was given, which reads as {@link #DEFAULT_TAG}. */
    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    public Optional<Digest> digest() {
        return Optional.ofNullable(digest);
    }

    public String tagOrLatest() {
        return tag != null ? tag : DEFAULT_TAG;
    }

    /** What to put after {@code /manifests/}: the digest when pinned, else the tag. */
    public String manifestReference() {
        return digest != null ? digest.toString() : tagOrLatest();
    }

    /** Host and port to send registry API requests to; Docker Hub serves its API on another host. */
    public String registryApiHost() {
        return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API_HOST : registry;
    }

    /** {@code registry/repository}, e.g. {@code docker.io/library/nginx}. */
    public String name() {
        return registry + "/" + repository;
    }

    /** Short form for display: Docker Hub's {@code docker.io/} and {@code library/} are left out. */
    public String familiar() {
        String familiarName = name();
        if (registry.equals(DOCKER_HUB)) {
            familiarName = repository;
            String officialPrefix = OFFICIAL_NAMESPACE + "/";
            if (repository.startsWith(officialPrefix) && repository.indexOf('/', officialPrefix.length()) < 0) {
                familiarName = repository.substring(officialPrefix.length());
            }
        }
        return familiarName + suffix();
    }

    /** Same reference with another tag; any digest is kept. */
    public ImageReference withTag(String tag) {
        Objects.requireNonNull(tag, "tag");
        checkTag(tag, name() + ":" + tag);
        return new ImageReference(registry, repository, tag, digest);
    }

    public ImageReference withDigest(Digest digest) {
        Objects.requireNonNull(digest, "digest");
        return new ImageReference(registry, repository, tag, digest);
    }

    public ImageReference withoutDigest() {
        return new ImageReference(registry, repository, tag, null);
    }

    // ":tag", ":tag@digest" or "@digest"; a digest-only reference has no implied "latest".
    private String suffix() {
        if (digest == null) {
            return ":" + tagOrLatest();
        }
        return (tag != null ? ":" + tag : "") + "@" + digest;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageReference other && canonical.equals(other.canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    /**
     * Fully normalised: {@code docker.io/library/nginx:latest}, {@code name:tag@digest} when both are
     * given, {@code name@digest} for a digest alone.
     */
    @Override
    public String toString() {
        return canonical;
    }
}
