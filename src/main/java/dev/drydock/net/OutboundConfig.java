package dev.drydock.net;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * {@code drydock.outbound.*}: which addresses drydock may connect to for registries, token realms, redirects
 * and git hosts. Rules, first match wins: {@code deny} ranges; {@code allow} ranges; cloud metadata addresses
 * (denied); link-local ranges ({@code allow-link-local}); loopback and the unspecified address
 * ({@code allow-loopback}); everything else is allowed.
 */
@ConfigMapping(prefix = "drydock.outbound")
public interface OutboundConfig {

    /** Connect to loopback addresses (127.0.0.0/8, ::1); the local stack needs it. */
    @WithDefault("true")
    boolean allowLoopback();

    /** Connect to link-local addresses (169.254.0.0/16, fe80::/10); metadata addresses stay denied. */
    @WithDefault("false")
    boolean allowLinkLocal();

    /** Ranges never connected to, comma-separated CIDRs (e.g. {@code 10.0.0.0/8,fd00::/8}); checked first. */
    Optional<List<String>> deny();

    /** Ranges connected to even where a rule above denies them (a registry on a link-local address). */
    Optional<List<String>> allow();
}
