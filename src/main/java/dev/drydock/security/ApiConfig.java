package dev.drydock.security;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "drydock.api")
public interface ApiConfig {

    /** Bearer token with every right (env DRYDOCK_API_TOKEN). Without one, the API answers 401 to everything. */
    Optional<String> adminToken();

    /** Bearer token that may only read (GET) (env DRYDOCK_API_READ_TOKEN). */
    Optional<String> readToken();
}
