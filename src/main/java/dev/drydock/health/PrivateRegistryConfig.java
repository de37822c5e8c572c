package dev.drydock.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The registry drydock pushes rebuilt images to. */
@ConfigMapping(prefix = "drydock.private-registry")
public interface PrivateRegistryConfig {

    /** host[:port], e.g. registry.example.com or 127.0.0.1:5000. */
    String host();

    /** Talk plain HTTP instead of HTTPS (local registries only). */
    @WithDefault("false")
    boolean plainHttp();
}
