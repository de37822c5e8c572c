package dev.drydock.source;

import dev.drydock.source.SourceException.Kind;
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
            kind = Kind.NOT_FOUND;
        } else {
            kind = Kind.UNREACHABLE;
        }
        return new SourceException(kind, doing + " " + GitUrlPolicy.redact(url) + " failed: " + detail, null);
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
