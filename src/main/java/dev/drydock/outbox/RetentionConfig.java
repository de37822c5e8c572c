package dev.drydock.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long published events and processed-event ids are kept ({@code drydock.retention.every}: how often to purge, 1h). */
@ConfigMapping(prefix = "drydock.retention")
public interface RetentionConfig {

    /**
     * Published outbox rows and processed-event ids older than this are deleted. Keep it longer than any
     * redelivery can come late (Kafka's retention of the consumed topics): an id forgotten earlier would let a
     * very late duplicate through.
     */
    @WithDefault("7d")
    Duration horizon();

    /** Rows deleted per transaction, so a large backlog never holds long locks. */
    @WithDefault("5000")
    int batchSize();
}
