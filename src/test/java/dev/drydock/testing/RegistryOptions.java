package dev.drydock.testing;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a {@link LocalRegistry} is configured: its authentication and, optionally, where it sends its
 * notifications (CNCF Distribution webhooks).
 */
public record RegistryOptions(Auth auth, Optional<Notifications> notifications) {

    public sealed interface Auth {}

    public record Anonymous() implements Auth {}

    public record Htpasswd(String username, String password) implements Auth {}

    /** Token auth: the registry trusts JWTs signed by the key whose certificate is in {@code rootCertBundle}. */
    public record Token(String realm, String service, String issuer, Path rootCertBundle) implements Auth {}

    /** Push (and only push) events go to {@code url} with {@code Authorization: Bearer <bearerToken>}. */
    public record Notifications(String url, String bearerToken) {}

    public static RegistryOptions anonymous() {
        return new RegistryOptions(new Anonymous(), Optional.empty());
    }

    public static RegistryOptions htpasswd(String username, String password) {
        return new RegistryOptions(new Htpasswd(username, password), Optional.empty());
    }

    public static RegistryOptions token(String realm, String service, String issuer, Path rootCertBundle) {
        return new RegistryOptions(new Token(realm, service, issuer, rootCertBundle), Optional.empty());
    }

    public RegistryOptions withNotifications(String url, String bearerToken) {
        return new RegistryOptions(auth, Optional.of(new Notifications(url, bearerToken)));
    }
}
