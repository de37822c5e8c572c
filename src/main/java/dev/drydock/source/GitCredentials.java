package dev.drydock.source;

import dev.drydock.registry.CredentialLookup;
import java.net.URI;
import java.util.Optional;

/** The credential set for a git URL's host, if there is one: git servers share drydock's credential sets. */
public final class GitCredentials {

    private GitCredentials() {}

    public static Optional<GitCredential> forUrl(String url, CredentialLookup credentials) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? Optional.empty()
                    : credentials.forRegistry(host).map(c -> new GitCredential(c.username(), c.password()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
