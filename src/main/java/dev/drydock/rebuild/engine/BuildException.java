package dev.drydock.rebuild.engine;

import java.util.Objects;

/**
 * Why a build failed. The {@link Kind} tells callers what to do (retry, fix the task, fix a credential);
 * the message says it to people and never holds a password or token.
 */
public class BuildException extends Exception {

    /** What went wrong. */
    public enum Kind {
        /** The pinned base, or one of the requested platforms of it, is not in its registry. */
        BASE_MISSING,
        /** A registry refused the credentials (or needs some and none were given). */
        AUTH,
        /** Pulling the base's layers or pushing the image failed: registry unreachable, or it refused. */
        PUSH_FAILED,
        /** The recipe or the build context cannot be built as written (a missing COPY source, a bad port). */
        BAD_RECIPE,
        /** The building thread was interrupted. */
        CANCELED
    }

    private final Kind kind;
    private final boolean temporary;

    public BuildException(Kind kind, String message, boolean temporary, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.temporary = temporary;
    }

    public BuildException(Kind kind, String message) {
        this(kind, message, false, null);
    }

    public Kind kind() {
        return kind;
    }

    /** True when running the same build again later may succeed (a registry was down or overloaded). */
    public boolean temporary() {
        return temporary;
    }

    static BuildException badRecipe(String message) {
        return new BuildException(Kind.BAD_RECIPE, message);
    }

    static BuildException canceled() {
        return new BuildException(Kind.CANCELED, "the build was canceled");
    }
}
