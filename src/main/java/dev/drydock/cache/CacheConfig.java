package dev.drydock.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The pull-through cache's settings. */
@ConfigMapping(prefix = "drydock.cache")
public interface CacheConfig {

    /** How long a pull that missed waits for its import before it is answered MANIFEST_UNKNOWN. */
    @WithDefault("10m")
    Duration fillTimeout();

    /**
     * How many cached tags the watch re-checks, and rules it syncs, at once on one replica (each may wait for an
     * import).
     */
    @WithDefault("4")
    int watchConcurrency();

    /** At most this many tags of one rule are checked upstream or imported per sync round; the rest follow at once. */
    @WithDefault("20")
    int syncBatch();

    /** A rule syncs at most this many of the tags that match, the newest versions first. */
    @WithDefault("500")
    int syncMaxTags();
}
