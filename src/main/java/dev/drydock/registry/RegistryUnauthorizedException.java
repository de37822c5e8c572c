package dev.drydock.registry;

import java.util.Optional;

/**
 * The registry (or its token realm) refused the request even after a fresh authentication: wrong
 * password, no credentials for a private repository, or a token without the needed scope. Not
 * temporary: something must be changed first. The message names the registry and the user, never
 * the password.
 */
public class RegistryUnauthorizedException extends RegistryException {

    private static final long serialVersionUID = 1L;

    private final String username;
    private final int status;

    public RegistryUnauthorizedException(String registry, String repository, String username, int status,
            String message) {
        super(registry, repository, message);
        this.username = username;
        this.status = status;
    }

    /** The user whose credentials were sent; empty for anonymous requests. */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** 401 or 403. */
    public int status() {
        return status;
    }
}
