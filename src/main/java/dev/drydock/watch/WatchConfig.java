package dev.drydock.watch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "drydock.watch")
public interface WatchConfig {

    /** Check interval of a base tracked without one. */
    @WithDefault("5m")
    Duration defaultInterval();

    /** The shortest interval a base may ask for. */
    @WithDefault("10s")
    Duration minimumInterval();

    /** Each next check lands within ± this fraction of the interval, so equal intervals do not fire together. */
    @WithDefault("0.1")
    double jitter();

    /** Bases claimed per polling pass; a pass repeats until nothing is due. */
    @WithDefault("500")
    int batchSize();

    /** Checks in flight at once (per-registry limits of the registry client apply as well). */
    @WithDefault("32")
    int concurrency();

    /** How often a running polling pass looks for bases that have just become due. */
    @WithDefault("100ms")
    Duration dueLookEvery();

    /** How long a claimed check may take before another pass may claim the base again. */
    @WithDefault("2m")
    Duration claimTimeout();

    /** Retries of a check that met a transient failure (5xx, reset, timeout, 429). */
    Retry retry();

    /** Registry webhooks. */
    Webhooks webhooks();

    interface Retry {
        /** Retries after a transient failure before the base is reported {@code unreachable}. */
        @WithDefault("4")
        int attempts();

        /** Wait before the first retry; doubles with each further one (1 s, 2 s, 4 s, 8 s by default). */
        @WithDefault("1s")
        Duration initialBackoff();

        /**
         * Once retries are used up, the base (now {@code unreachable}) is checked again after this long, or its
         * interval when that is shorter, until a check succeeds.
         */
        @WithDefault("30s")
        Duration unreachableBackoff();
    }

    interface Webhooks {
        /** Bearer token CNCF Distribution sends (notifications endpoint header {@code Authorization: Bearer …}). */
        Optional<String> distributionToken();

        /** Shared secret of Docker Hub webhooks: the {@code secret} query parameter of the webhook URL. */
        Optional<String> dockerhubSecret();

        /** Shared secret of Harbor webhooks: the {@code Authorization} header Harbor is configured to send. */
        Optional<String> harborSecret();
    }
}
