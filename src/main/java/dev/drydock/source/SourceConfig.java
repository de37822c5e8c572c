package dev.drydock.source;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What sources drydock accepts and how much of them it keeps. */
@ConfigMapping(prefix = "drydock.source")
public interface SourceConfig {

    /**
     * Whether git URLs may be {@code http://}, {@code file://} or a local path. Off by default: plain http
     * sends credentials and code in clear, and a local path reads the drydock host's own repositories. The demo
     * stack ({@code ./drydock up}) and the tests turn it on.
     */
    @WithDefault("false")
    boolean allowInsecureUrls();

    /** Bytes one fetch may receive (its pack); a larger repository fails the run or the registration. */
    @WithDefault("536870912")
    long maxFetchBytes();

    /** Bytes of file content one checkout may write. */
    @WithDefault("2147483648")
    long maxCheckoutBytes();

    /** Files, links and submodules one checkout may write. */
    @WithDefault("100000")
    int maxCheckoutEntries();

    /** Bytes all mirrors together may use; the least recently used are removed past it. */
    @WithDefault("10737418240")
    long maxMirrorBytes();
}
