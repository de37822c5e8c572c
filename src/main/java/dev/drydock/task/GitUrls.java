package dev.drydock.task;

import java.net.URI;
import java.util.Locale;

/** One spelling for the many ways a repository URL is written, so webhooks can be matched to tasks. */
public final class GitUrls {

    private GitUrls() {}

    /**
     * {@code https://user@GitHub.com/Acme/App.git/}, {@code git@github.com:Acme/App.git} and
     * {@code ssh://git@github.com/Acme/App} all become {@code github.com/acme/app}; local paths stay paths.
     */
    public static String normalise(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String u = url.strip();
        if (u.matches("^[\\w.-]+@[\\w.-]+:.*") && !u.contains("://")) {
            u = "ssh://" + u.replaceFirst(":", "/");
        }
        String result;
        if (u.contains("://")) {
            URI uri = URI.create(u);
            String host = uri.getHost() == null ? "" : uri.getHost();
            result = host + (uri.getPort() > 0 && !"file".equals(uri.getScheme()) ? ":" + uri.getPort() : "") + uri.getPath();
        } else {
            result = u;
        }
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        if (result.endsWith(".git")) {
            result = result.substring(0, result.length() - 4);
        }
        return result.toLowerCase(Locale.ROOT);
    }
}
