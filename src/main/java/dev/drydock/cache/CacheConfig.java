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
}
