package dev.drydock.source;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * A git credential that JGit gets only for the repository's own origin (scheme, host and port): a server that
 * redirects elsewhere cannot collect it.
 */
final class OriginCredentials extends CredentialsProvider {

    private final String origin;
    private final GitCredential credential;

    OriginCredentials(String url, GitCredential credential) {
        this.origin = origin(url);
        this.credential = Objects.requireNonNull(credential, "credential");
    }

    /** Whether {@code uri} is on the repository's origin. */
    boolean sameOrigin(URIish uri) {
        return origin != null && origin.equals(origin(uri.setUser(null).setPass(null).toString()));
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
        for (CredentialItem item : items) {
            if (!(item instanceof CredentialItem.Username) && !(item instanceof CredentialItem.Password)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
        if (!sameOrigin(uri)) {
            return false;
        }
        for (CredentialItem item : items) {
            if (item instanceof CredentialItem.Username username) {
                username.setValue(credential.username());
            } else if (item instanceof CredentialItem.Password password) {
                password.setValue(credential.password().toCharArray());
            } else {
                throw new UnsupportedCredentialItem(uri, item.getClass().getSimpleName() + ":" + item.getPromptText());
            }
        }
        return true;
    }

    private static String origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() > 0 ? uri.getPort() : switch (scheme) {
                case "https" -> 443;
                case "http" -> 80;
                case "ssh" -> 22;
                default -> -1;
            };
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
