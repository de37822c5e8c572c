package dev.drydock.task.freshness;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "drydock.freshness")
public interface FreshnessConfig {

    /** How often each replica recomputes the freshness metrics ({@code drydock_images_behind}, {@code drydock_oldest_behind_seconds}). */
    @WithDefault("10s")
    Duration refreshEvery();
}
