package dev.drydock.source;

import java.util.Objects;

/** Why a source could not be checked out; messages never hold credentials (URLs are shown without them). */
public class SourceException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** The ref, commit or context directory does not exist in the repository. */
        NOT_FOUND,
        /** The git server (or path) answered, but holds no repository at the URL. */
        NO_REPOSITORY,
        /** The git server refused the credentials, or needs some. */
        AUTH,
        /** The git host could not be reached (no such host, refused, timed out) or failed; may pass. */
        UNREACHABLE,
        /**
         * The source is not acceptable as written: a path escaping its directory, a tree whose entries collide, a
         * git URL the policy refuses, a repository over a size limit, a non-empty work dir.
         */
        INVALID,
        /** A file read from the source (a build file) is a link leading outside it, too large or not a file. */
        BAD_FILE,
        /** The git server refused a push (a protected branch, a rejected update, a hook). */
        REFUSED,
        /** The checking-out thread was interrupted. */
        CANCELED
    }

    private final Kind kind;

    public SourceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public SourceException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** True when trying again later may succeed. */
    public boolean temporary() {
        return kind == Kind.UNREACHABLE;
    }
}
