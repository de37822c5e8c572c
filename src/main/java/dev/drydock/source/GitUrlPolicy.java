package dev.drydock.source;

import dev.drydock.source.SourceException.Kind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which git URLs drydock fetches from, and the one way a git URL is shown. By default only {@code https://},
 * {@code ssh://} and scp-like {@code user@host:path}; {@code http://}, {@code git://}, {@code file://} and local
 * paths only when the operator allows insecure URLs ({@code drydock.source.allow-insecure-urls}). Credentials
 * never go in a URL: they belong in a credential set for the repository's host.
 *
 * @param allowInsecure whether plain-text transports and local repositories are allowed
 */
public record GitUrlPolicy(boolean allowInsecure) {

    /** The default: encrypted transports only. */
    public static final GitUrlPolicy STRICT = new GitUrlPolicy(false);
    /** Plain http, git://, file:// and local paths too: for the demo stack and tests with local repositories. */
    public static final GitUrlPolicy ALLOW_INSECURE = new GitUrlPolicy(true);

    private static final Set<String> SECURE = Set.of("https", "ssh");
    private static final Set<String> INSECURE = Set.of("http", "git", "file");
    private static final Pattern SCP_LIKE = Pattern.compile("^[A-Za-z0-9._~-]+@[A-Za-z0-9.-]+:(?!//).*");
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/?#\\s]*@");
    private static final Pattern QUERY = Pattern.compile("[?#].*$");

    /** {@code url} stripped, when the policy allows it; otherwise {@link Kind#INVALID} saying why. */
    public String check(String url) {
        String u = url == null ? "" : url.strip();
        if (u.isEmpty()) {
            throw invalid("a git URL is required");
        }
        if (u.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw invalid("a git URL may not contain spaces or control characters");
        }
        if (u.startsWith("-")) {
            throw invalid("a git URL may not start with -");
        }
        if (!u.contains("://")) {
            if (SCP_LIKE.matcher(u).matches()) {
                return u;
            }
            return insecure(u, "a local path");
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw invalid(redact(u) + " is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && (!scheme.equals("ssh") || userInfo.contains(":"))) {
            throw invalid("a git URL may not carry a user or password; store them in a credential set for "
                    + (uri.getHost() == null ? "the repository's host" : uri.getHost()));
        }
        if (SECURE.contains(scheme)) {
            if (uri.getHost() == null) {
                throw invalid(redact(u) + " has no host");
            }
            return u;
        }
        if (INSECURE.contains(scheme)) {
            return insecure(u, scheme + "://");
        }
        throw invalid(scheme + ":// is not a git transport drydock uses; use https:// or ssh://");
    }

    /**
     * {@code url} as drydock shows it anywhere (problems, task views, run logs, image labels): no user or
     * password (an ssh user name stays), no query or fragment.
     */
    public static String redact(String url) {
        if (url == null) {
            return "";
        }
        String u = url.strip();
        if (!u.contains("://")) {
            return u;
        }
        String shown = QUERY.matcher(u).find() ? QUERY.matcher(u).replaceFirst("?<redacted>") : u;
        var user = USER_INFO.matcher(shown);
        if (user.find()) {
            String info = user.group();
            boolean sshUser = shown.regionMatches(true, 0, "ssh://", 0, 6) && !info.contains(":");
            shown = sshUser ? shown : user.replaceFirst("");
        }
        return shown;
    }

    /** The host git would connect to for {@code url}: a URL's host, or the host of {@code user@host:path}. */
    public static Optional<String> hostOf(String url) {
        String u = url == null ? "" : url.strip();
        if (!u.contains("://")) {
            return SCP_LIKE.matcher(u).matches()
                    ? Optional.of(u.substring(u.indexOf('@') + 1, u.indexOf(':', u.indexOf('@'))))
                    : Optional.empty();
        }
        try {
            return Optional.ofNullable(new URI(u).getHost())
                    .map(h -> h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private String insecure(String url, String what) {
        if (!allowInsecure) {
            throw invalid(what + " is not allowed as a git URL (" + redact(url)
                    + "); use https:// or ssh://, or allow insecure URLs with drydock.source.allow-insecure-urls");
        }
        return url;
    }

    private static SourceException invalid(String message) {
        return new SourceException(Kind.INVALID, message);
    }
}
