package dev.drydock.front;

import java.net.URI;

/**
 * Turns the backend's absolute URLs (upload {@code Location}s, {@code Link}s) into the front's public ones, so
 * clients never see the loopback address. A URL elsewhere (a storage redirect) is left as it is.
 */
record LocationRewrite(String backendOrigin) {

    static LocationRewrite of(URI backend) {
        return new LocationRewrite(origin(backend.getScheme(), backend.getHost(), backend.getPort()));
    }

    /** The value with the backend's origin replaced by {@code publicOrigin} (e.g. {@code http://registry:5000}). */
    String rewrite(String value, String publicOrigin) {
        int start = value != null && value.startsWith("<") ? 1 : 0;
        if (value == null || !value.regionMatches(true, start, backendOrigin, 0, backendOrigin.length())) {
            return value;
        }
        String rest = value.substring(start + backendOrigin.length());
        if (!rest.isEmpty() && rest.charAt(0) != '/' && rest.charAt(0) != '?') {
            return value;
        }
        return value.substring(0, start) + publicOrigin + rest;
    }

    private static String origin(String scheme, String host, int port) {
        String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        int effective = port > 0 ? port : scheme.equals("https") ? 443 : 80;
        boolean defaultPort = scheme.equals("https") ? effective == 443 : effective == 80;
        return scheme + "://" + authority + (defaultPort ? "" : ":" + effective);
    }
}
