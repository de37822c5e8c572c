package dev.drydock.cache;

import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;
import dev.drydock.problem.ProblemException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The field checks of a rule, each failure a 400 naming its field. Pure: no database, no registry. */
final class RuleCheck {

    static final Duration DEFAULT_REFRESH = Duration.ofMinutes(5);
    static final Duration MIN_REFRESH = Duration.ofSeconds(5);
    static final Duration MAX_REFRESH = Duration.ofDays(7);
    static final int MAX_REGEX = 256;

    private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?");
    /** Distribution's repository name grammar. */
    private static final Pattern REPOSITORY = Pattern.compile(
            "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

    private RuleCheck() {}

    static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ProblemException.badRequest("name", "name must be 1 to 64 lower-case letters, digits, '.', '_' or "
                    + "'-', starting and ending with a letter or digit");
        }
        return name;
    }

    /** The normalised source: {@code docker.io/library/nginx} or {@code docker.io/library/*}. */
    static String source(String source) {
        if (source == null || source.isBlank()) {
            throw ProblemException.badRequest("source", "source is required: an upstream repository such as "
                    + "docker.io/library/nginx, or docker.io/library/* for every repository under it");
        }
        String s = source.trim();
        boolean wildcard = s.endsWith(CacheRule.WILDCARD);
        String repository = wildcard ? s.substring(0, s.length() - CacheRule.WILDCARD.length()) : s;
        if (repository.contains("*")) {
            throw ProblemException.badRequest("source", "a wildcard may only end the source, as in docker.io/library/*");
        }
        if (wildcard && (repository.indexOf('/') < 0 || !looksLikeHost(repository.substring(0, repository.indexOf('/'))))) {
            throw ProblemException.badRequest("source", "a wildcard source names its registry and a namespace, "
                    + "e.g. docker.io/library/*");
        }
        ImageReference ref;
        try {
            ref = ImageReference.parse(repository);
        } catch (InvalidReferenceException e) {
            throw ProblemException.badRequest("source", e.getMessage());
        }
        if (ref.tag().isPresent() || ref.digest().isPresent()) {
            throw ProblemException.badRequest("source", "source is a repository without tag or digest, e.g. "
                    + "docker.io/library/nginx; the rule caches every tag pulled");
        }
        String normalised = ref.registry() + "/" + ref.repository();
        return wildcard ? normalised + CacheRule.WILDCARD : normalised;
    }

    /** A repository in the private registry, a wildcard exactly when the source is one. */
    static String target(String target, boolean wildcard) {
        if (target == null || target.isBlank()) {
            throw ProblemException.badRequest("target", "target is required: a repository in the private registry "
                    + "such as cache/nginx (cache/library/* for a wildcard source)");
        }
        String t = target.trim();
        boolean star = t.endsWith(CacheRule.WILDCARD);
        if (star != wildcard) {
            throw ProblemException.badRequest("target", wildcard
                    ? "a wildcard source needs a wildcard target such as cache/library/*"
                    : "an exact source needs an exact target such as cache/nginx");
        }
        String repository = star ? t.substring(0, t.length() - CacheRule.WILDCARD.length()) : t;
        if (!REPOSITORY.matcher(repository).matches() || repository.length() > 200) {
            throw ProblemException.badRequest("target", "\"" + target + "\" is not a repository of the private "
                    + "registry: lower-case path components such as cache/nginx, without registry host or tag");
        }
        return t;
    }

    static Duration refresh(String refresh) {
        if (refresh == null) {
            return DEFAULT_REFRESH;
        }
        Duration d;
        try {
            d = Duration.parse(refresh);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("refresh", "refresh is an ISO-8601 duration such as PT1M or PT6H");
        }
        if (d.compareTo(MIN_REFRESH) < 0 || d.compareTo(MAX_REFRESH) > 0) {
            throw ProblemException.badRequest("refresh", "refresh must be between " + MIN_REFRESH + " and "
                    + MAX_REFRESH);
        }
        return d;
    }

    /** Null when no sync is asked for (null, or an object with no field). */
    static SyncTags syncTags(SyncTags sync, boolean wildcard) {
        if (sync == null || (sync.include() == null && sync.exclude() == null && sync.semver() == null)) {
            return null;
        }
        if (wildcard) {
            throw ProblemException.badRequest("syncTags", "syncTags needs an exact source: a wildcard rule caches on "
                    + "pull only");
        }
        regex("syncTags.include", sync.include());
        regex("syncTags.exclude", sync.exclude());
        if (sync.semver() != null) {
            try {
                SemverRange.parse(sync.semver());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("syncTags.semver", "semver must be " + e.getMessage());
            }
        }
        return sync;
    }

    private static void regex(String field, String regex) {
        if (regex == null) {
            return;
        }
        if (regex.isEmpty() || regex.length() > MAX_REGEX) {
            throw ProblemException.badRequest(field, field + " must be a regular expression of 1 to " + MAX_REGEX
                    + " characters");
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw ProblemException.badRequest(field, field + " is not a regular expression: " + e.getDescription());
        }
    }

    private static boolean looksLikeHost(String component) {
        return component.contains(".") || component.contains(":") || component.equals("localhost");
    }
}
