package dev.drydock.source;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A source checked out for a build.
 *
 * @param contextDir the build context: the repository's context directory at {@code commit}
 * @param commit the full commit id that was checked out
 * @param mirror what the cached mirror had to do to provide it
 * @param commitTime the commit's committer time (what {@code SOURCE_DATE_EPOCH} is set to by convention)
 */
public record Checkout(Path contextDir, String commit, Mirror mirror, Instant commitTime) {

    /** How the commit got into the cached mirror. */
    public enum Mirror {
        /** The repository was not cached yet: the mirror was created by a first fetch. */
        CLONED,
        /** The cached mirror was updated with a fetch. */
        FETCHED,
        /** The requested commit was already in the mirror: no network at all. */
        REUSED
    }

    public Checkout {
        Objects.requireNonNull(contextDir, "contextDir");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(mirror, "mirror");
        Objects.requireNonNull(commitTime, "commitTime");
    }
}
