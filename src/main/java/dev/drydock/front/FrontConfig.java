package dev.drydock.front;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The registry front: the Docker Registry HTTP API v2 on the private registry's public address (docs/registry.md). */
@ConfigMapping(prefix = "drydock.front")
public interface FrontConfig {

    /** Whether this process serves the front; a replica that only builds turns it off. */
    @WithDefault("true")
    boolean enabled();

    /** The address the front listens on. */
    @WithDefault("0.0.0.0")
    String host();

    /** The port the front listens on: the private registry's public port (0 picks a free one). */
    @WithDefault("5000")
    int port();

    /** The storage registry (CNCF Distribution) behind the front, e.g. {@code http://127.0.0.1:5002}. */
    @WithDefault("http://127.0.0.1:5002")
    String backend();

    /** Where {@code /service/token} is forwarded; empty means this process's own HTTP port on loopback. */
    Optional<String> tokenService();

    /** Connections to the backend kept open at most, per event loop. */
    @WithDefault("64")
    int maxConnections();

    /** A backend or client connection that sends nothing for this long is closed. */
    @WithDefault("5m")
    Duration idleTimeout();

    /** Anonymous callers, one bucket per client address (defaults in application.properties). */
    Throttle anonymous();

    /** Repository-scoped tokens, one bucket per token (defaults in application.properties). */
    Throttle token();

    /**
     * Proxies in front of the front (an Ingress controller, a load balancer), as IP addresses or CIDR ranges:
     * from them, the client address for throttling is read from {@code X-Forwarded-For}. Empty: the TCP peer.
     */
    Optional<List<String>> trustedProxies();

    /** Buckets kept at most; the least recently used address or token is forgotten first (a full bucket again). */
    @WithDefault("100000")
    int maxBuckets();

    /** Distinct repositories the pulls meter names; pulls of later ones count as {@code other}. */
    @WithDefault("500")
    int meteredRepositories();

    /** A token bucket: requests per second on average, and how many may come at once. */
    interface Throttle {

        /** Requests per second a bucket refills (0 turns throttling off for these callers). */
        double rate();

        /** Requests a full bucket allows at once. */
        int burst();
    }
}
