package dev.drydock.registry;

import java.net.URI;
import java.util.Locale;

/**
 * Whether a token realm that a registry named in its challenge may receive the registry's credentials: over
 * HTTPS, yes; over plain HTTP only on the registry's own host when that registry is configured insecure, or
 * on a realm host that is itself configured insecure ({@code drydock.registry.insecure-hosts}). Anywhere else
 * the credentials would cross the network in clear to a host nobody vouched for.
 */
final class RealmTrust {

    private final RegistrySettingsProvider settings;

    RealmTrust(RegistrySettingsProvider settings) {
        this.settings = settings;
    }

    /** A realm drydock asks at all: an absolute http(s) URL with a host. */
    static boolean usable(URI realm) {
        String scheme = realm.getScheme() == null ? "" : realm.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && realm.getHost() != null;
    }

    boolean mayReceiveCredentials(RegistryEndpoint ep, URI realm) {
        if ("https".equalsIgnoreCase(realm.getScheme())) {
            return true;
        }
        if (ep.settings.insecure() && realm.getHost().equalsIgnoreCase(ep.base.getHost())) {
            return true;
        }
        return settings.forRegistry(hostKey(realm)).insecure();
    }

    /** {@code host[:port]} as registries are keyed in the configuration. */
    static String hostKey(URI realm) {
        String host = realm.getHost().toLowerCase(Locale.ROOT);
        return realm.getPort() >= 0 ? host + ":" + realm.getPort() : host;
    }
}
