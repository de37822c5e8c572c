package dev.drydock.build.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "drydock.worker")
public interface WorkerConfig {

    /** How long a worker's claim on a run lasts without renewal; another worker may take over after it. */
    @WithDefault("20s")
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

    /** Queued runs older than this with no worker are picked up again (their request was lost). */
    @WithDefault("2m")
    Duration orphanAfter();
}
