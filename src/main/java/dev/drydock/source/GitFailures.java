package dev.drydock.source;

import dev.drydock.source.SourceException.Kind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/** JGit's failures as {@link SourceException}s, with URLs and messages free of credentials. */
final class GitFailures {

    private static final Pattern HTTP_DENIED = Pattern.compile("\\b40[13]\\b");
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

    private GitFailures() {
    }

    static SourceException of(Exception e, String url, Optional<GitCredential> credential, String doing) {
        if (Thread.currentThread().isInterrupted()) {
            return new SourceException(Kind.CANCELED, doing + " " + GitUrlPolicy.redact(url) + " was canceled", null);
        }
        String detail = redact(messages(e));
        if (credential.isPresent() && !credential.get().password().isEmpty()) {
            detail = detail.replace(credential.get().password(), "<redacted>");
        }
        String lower = detail.toLowerCase(Locale.ROOT);
        Kind kind;
        if (lower.contains("not authorized") || lower.contains("authentication is required")
                || lower.contains("authentication not supported") || HTTP_DENIED.matcher(lower).find()) {
            kind = Kind.AUTH;
        } else if (hasCause(e, CorruptObjectException.class) || lower.contains("object checker")) {
            kind = Kind.INVALID;
        } else if (hasCause(e, NoRemoteRepositoryException.class) || e instanceof InvalidRemoteException
                || lower.contains("repository not found") || lower.contains("not found")) {
            return new SourceException(Kind.NO_REPOSITORY, "no git repository at " + GitUrlPolicy.redact(url)
                    + ": the URL is wrong, or the repository is private and needs a credential set (" + detail + ")",
                    null);
        } else {
            kind = Kind.UNREACHABLE;
            if (isConnectionFailure(e, lower)) {
                return new SourceException(kind, "cannot reach " + hostOf(url) + ": check the host and port in the URL "
                        + "and that drydock's network can reach it (" + detail + ")", null);
            }
        }
        return new SourceException(kind, doing + " " + GitUrlPolicy.redact(url) + " failed: " + detail, null);
    }

    // The host did not answer at all, as opposed to a server that answered with an error.
    private static boolean isConnectionFailure(Exception e, String lower) {
        return hasCause(e, UnknownHostException.class) || hasCause(e, ConnectException.class)
                || hasCause(e, NoRouteToHostException.class) || hasCause(e, SocketTimeoutException.class)
                || lower.contains("connection failed") || lower.contains("connection refused")
                || lower.contains("unknownhost") || lower.contains("unknown host") || lower.contains("timed out")
                || lower.contains("no route to host");
    }

    private static String hostOf(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() != null) {
                return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            }
        } catch (IllegalArgumentException e) {
            // scp-like git@host:path: shown as written, without user info
        }
        return GitUrlPolicy.redact(url);
    }

    /** {@code text} with every URL's user and password removed. */
    private static String redact(String text) {
        return text == null ? "" : USER_INFO.matcher(text).replaceAll("");
    }

    private static String messages(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !text.toString().contains(t.getMessage())) {
                text.append(text.length() == 0 ? "" : ": ").append(t.getMessage());
            }
        }
        return text.toString();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
