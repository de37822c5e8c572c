package dev.drydock.task;

import dev.drydock.problem.ProblemException;
import java.time.Instant;
import java.util.Optional;

/**
 * The time a task's images are stamped with (config {@code created}, history, the {@code
 * org.opencontainers.image.created} label). {@code epoch}, the default, makes an unchanged input build the same
 * digest whenever it is built; {@code commit} is the {@code SOURCE_DATE_EPOCH} convention: the committer time of
 * the commit built, so the date means something and the digest is still the same for the same commit and base.
 */
public final class ImageTimestamp {

    public static final String EPOCH = "epoch";
    public static final String COMMIT = "commit";

    private ImageTimestamp() {
    }

    /**
     * The stamp of a run of {@code spec}.
     *
     * @param commitTime the committer time of the commit built; empty for inline sources
     */
    public static Instant of(TaskSpec spec, Optional<Instant> commitTime) {
        return COMMIT.equals(spec.created()) ? commitTime.orElse(Instant.EPOCH) : Instant.EPOCH;
    }

    /** The {@code created} option as stored: null for the default; a 400 on {@code created} for a bad value. */
    static String validate(String created, TaskSpec.Source source) {
        if (created == null || created.equals(EPOCH)) {
            return null;
        }
        if (!created.equals(COMMIT)) {
            throw ProblemException.badRequest("created", "created must be epoch (the default: 1970-01-01, the "
                    + "same digest for the same input) or commit (the commit's time, as SOURCE_DATE_EPOCH)");
        }
        if (source == null || source.git() == null) {
            throw ProblemException.badRequest("created", "created: commit needs a git source: inline files have no "
                    + "commit; leave created out to stamp the epoch");
        }
        return created;
    }
}
