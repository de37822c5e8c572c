package dev.drydock.importer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "drydock.imports")
public interface ImportConfig {

    /** How long a worker's claim on an import job lasts without renewal; another worker takes the job after it. */
    @WithDefault("10s")
    Duration lease();

    /** How often a copying worker renews its lease, stores the progress and looks for a cancel request. */
    @WithDefault("1s")
    Duration heartbeat();

    /** Blobs one import copies at once. */
    @WithDefault("4")
    int parallelBlobs();

    /** Queued jobs older than this that no worker claimed are picked up again (their request was lost). */
    @WithDefault("2m")
    Duration orphanAfter();

    /** How often this replica looks for jobs whose worker died. */
    @WithDefault("2s")
    Duration recoveryEvery();

    /**
     * How long a new import waits for its source and targets to answer whether the targets already hold the source's
     * digest (then it ends Succeeded at once, without a worker); longer, and a worker takes it.
     */
    @WithDefault("1s")
    Duration presentCheck();
}
