package dev.drydock.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "drydock.outbox")
public interface OutboxConfig {

    /** How often the relay looks for unpublished rows when nothing wakes it earlier. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Rows published per relay transaction. */
    @WithDefault("200")
    int batchSize();

    /** How long the relay waits for Kafka to acknowledge a batch before it counts the rest as failed. */
    @WithDefault("20s")
    Duration sendTimeout();

    /** The longest pause between attempts while Kafka is unreachable (the pause doubles up to this). */
    @WithDefault("1s")
    Duration maxBackoff();
}
