package dev.drydock.rebuild.engine;

import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.http.ResponseException;
import com.google.cloud.tools.jib.image.json.PlatformNotFoundInBaseImageException;
import com.google.cloud.tools.jib.image.json.UnlistedPlatformInManifestListException;
import com.google.cloud.tools.jib.registry.RegistryCredentialsNotSentException;
import dev.drydock.rebuild.engine.BuildException.Kind;
import dev.drydock.registry.RegistryException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/** Turns what Jib and the registry client throw into {@link BuildException}s with a kind and a plain message. */
final class Failures {

    private Failures() {
    }

    /** A failure of drydock's own registry client while {@code doing} something. */
    static BuildException fromRegistry(RegistryException e, String doing) {
        if (Thread.currentThread().isInterrupted()) {
            return BuildException.canceled();
        }
        Kind kind = e instanceof dev.drydock.registry.RegistryUnauthorizedException ? Kind.AUTH : Kind.PUSH_FAILED;
        return new BuildException(kind, doing + ": " + e.getMessage(), e.temporary(), e);
    }

    /** What {@code containerize} threw; {@code canceled} when the build was interrupted. */
    static BuildException fromJib(Throwable thrown, boolean canceled, StepLog log) {
        Throwable cause = unwrap(thrown);
        if (canceled || isInterruption(cause)) {
            return BuildException.canceled();
        }
        String detail = log.redact(cause.getMessage());
        if (cause instanceof RegistryUnauthorizedException e) {
            int status = status(e);
            return new BuildException(Kind.AUTH, "the registry refused access to " + e.getImageReference()
                    + (status == 0 ? "" : " (HTTP " + status + ")")
                    + ": check the credential drydock has for its registry", false, null);
        }
        if (cause instanceof RegistryAuthenticationFailedException e) {
            return new BuildException(Kind.AUTH, "authentication with " + e.getServerUrl() + " failed for "
                    + e.getImageName() + ": check the credential drydock has for this registry", false, null);
        }
        if (cause instanceof RegistryCredentialsNotSentException) {
            return new BuildException(Kind.AUTH, detail, false, null);
        }
        if (cause instanceof InsecureRegistryException) {
            return new BuildException(Kind.PUSH_FAILED, detail + " (list the registry as plain HTTP only if it "
                    + "really serves plain HTTP)", false, null);
        }
        if (cause instanceof PlatformNotFoundInBaseImageException
                || cause instanceof UnlistedPlatformInManifestListException) {
            return new BuildException(Kind.BASE_MISSING, detail, false, null);
        }
        if (cause instanceof com.google.cloud.tools.jib.api.RegistryException || cause instanceof IOException) {
            return new BuildException(Kind.PUSH_FAILED, "pulling the base or pushing the image failed: " + detail,
                    isTemporary(cause), null);
        }
        return new BuildException(Kind.PUSH_FAILED, "the build failed: " + cause.getClass().getSimpleName()
                + (detail.isEmpty() ? "" : ": " + detail), false, null);
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable cause = thrown;
        while ((cause instanceof ExecutionException || cause instanceof UncheckedIOException
                || cause.getClass() == RuntimeException.class) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean isInterruption(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof ClosedByInterruptException
                    || t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException)
                    || t instanceof CancellationException || t instanceof RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }

    private static int status(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ResponseException r) {
                return r.getStatusCode();
            }
        }
        return 0;
    }

    // Network trouble and server errors may pass; a registry that answered 4xx will answer it again.
    private static boolean isTemporary(Throwable cause) {
        int status = status(cause);
        if (status != 0) {
            return status >= 500 || status == 429;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
