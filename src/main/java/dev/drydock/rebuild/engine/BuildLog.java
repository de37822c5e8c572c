package dev.drydock.rebuild.engine;

/**
 * Where a build reports what it does, one line per step: the base it resolved, the layers it built,
 * the blobs it pushed, skipped or mounted, the manifest it pushed. Never sees credentials. Called from
 * Jib's worker threads, one call at a time.
 */
@FunctionalInterface
public interface BuildLog {

    void step(String message);

    /** Discards every step. */
    static BuildLog discard() {
        return message -> { };
    }
}
