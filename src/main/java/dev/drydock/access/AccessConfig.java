package dev.drydock.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@code drydock.access.*}: the token service of the private registry (docs/registry.md, "Token service"). */
@ConfigMapping(prefix = "drydock.access")
public interface AccessConfig {

    /** PEM PKCS#8 EC P-256 private key that signs registry tokens; without it no token is issued. */
    Optional<Path> signingKey();

    /** PEM certificate of {@code signing-key}: sent as {@code x5c}, and the registry's {@code rootcertbundle}. */
    Optional<Path> certificate();

    /** The {@code service} of the registry's challenge: the tokens' {@code aud}. */
    @WithDefault("drydock-registry")
    String service();

    /** The tokens' {@code iss}; the registry's {@code auth.token.issuer}. */
    @WithDefault("drydock")
    String issuer();

    /** The token endpoint's URL as registry clients reach it (the challenge's realm). */
    @WithDefault("http://127.0.0.1:${quarkus.http.port}/service/token")
    String realm();

    /** Lifetime of an access token: how long a JWT a registry already holds stays good. */
    @WithDefault("300s")
    Duration tokenLifetime();

    /** Lifetime of a refresh token ({@code offline_token=true}); checked against the credential at each use. */
    @WithDefault("7d")
    Duration refreshTokenLifetime();

    /** Username of drydock's own identity (rebuilds, the watch): full access to the private registry. */
    @WithDefault("drydock-service")
    String serviceUsername();

    /** Password of the service identity; without it the identity does not exist. */
    Optional<String> servicePassword();

    /** How long a password that verified is remembered, so a burst of token requests hashes once. */
    @WithDefault("60s")
    Duration verifiedPasswordCache();
}
