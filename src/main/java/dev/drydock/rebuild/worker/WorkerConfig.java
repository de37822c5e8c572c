package dev.drydock.rebuild.worker;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "drydock.worker")
public interface WorkerConfig {

    /** How long a worker's claim on a run lasts without renewal; another worker may take over after it. */
    @WithDefault("10s")
    Duration lease();

    /** How often a building worker renews its lease and looks for cancel requests and timeouts. */
    @WithDefault("2s")
    Duration heartbeat();

    /** Where checkouts, build contexts and Jib's layer cache live; a temporary directory when unset. */
    Optional<Path> workDir();

    /**
     * Whether a rebuild whose only new input is the base swaps the base under the image the target holds (same
     * digest as a full Jib build, a fraction of the time) instead of running Jib; false always runs Jib.
     */
    @WithDefault("true")
    boolean rebase();

    /**
     * When the service stops, how long it waits for the builds in progress to hand their runs back (each is
     * interrupted and releases its lease) before the database closes.
     */
    @WithDefault("5s")
    Duration stopGrace();

    /** Queued runs older than this with no worker are picked up again (their request was lost). */
    @WithDefault("2m")
    Duration orphanAfter();

    /**
     * Attempts of a run, the first included, when it fails only because a registry was unreachable (a 5xx, a reset,
     * a timeout, an open circuit); after the last one the run ends as Error.
     */
    @WithDefault("4")
    int maxAttempts();

    /** The wait before the second attempt of such a run; it doubles for each further one, up to {@link #maxRetryBackoff()}. */
    @WithDefault("2s")
    Duration retryBackoff();

    /** The longest wait between two attempts of a run. */
    @WithDefault("30s")
    Duration maxRetryBackoff();

    /**
     * Full Jib builds at once per replica (CPU-bound); rebases (I/O-bound) run at the bulk lane's whole concurrency,
     * {@code smallrye.messaging.worker.build-workers.max-concurrency}.
     */
    @WithDefault("2")
    int fullBuilds();

    /** buildah builds (Dockerfiles Jib cannot build); each takes one of the {@link #fullBuilds()} slots. */
    Buildah buildah();

    interface Buildah {
        /**
         * The disk one build may fill (its image storage, working container and RUN output), measured every second
         * while it runs; more fails the run and removes the build's storage.
         */
        @WithDefault("10G")
        MemorySize maxDisk();
    }
}
