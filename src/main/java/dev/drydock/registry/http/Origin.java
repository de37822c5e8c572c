package dev.drydock.registry.http;

import dev.drydock.net.OutboundPolicy;
import java.net.URI;
import java.util.Locale;

/** Scheme, host and port: what a pooled connection can be reused for. */
record Origin(boolean tls, String host, int port) {

    static Origin of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http or https URI: " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in " + uri);
        }
        boolean tls = scheme.equals("https");
        return new Origin(tls, uri.getHost(), uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80);
    }

    /** {@code host:port}, for messages. */
    String hostPort() {
        return OutboundPolicy.hostPort(host, port);
    }
}
