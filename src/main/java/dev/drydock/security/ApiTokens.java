package dev.drydock.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Which role a presented token has; compared in constant time. */
@ApplicationScoped
public class ApiTokens {

    @Inject
    ApiConfig config;

    public Optional<ApiRole> roleOf(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        if (matches(config.adminToken(), token)) {
            return Optional.of(ApiRole.ADMIN);
        }
        if (matches(config.readToken(), token)) {
            return Optional.of(ApiRole.READ);
        }
        return Optional.empty();
    }

    /** The token configured for a role now, if any; for checking that a session opened with it still counts. */
    public Optional<String> tokenOf(ApiRole role) {
        return (role == ApiRole.ADMIN ? config.adminToken() : config.readToken()).filter(t -> !t.isBlank());
    }

    public boolean configured() {
        return config.adminToken().filter(t -> !t.isBlank()).isPresent();
    }

    private static boolean matches(Optional<String> expected, String presented) {
        return expected.filter(t -> !t.isBlank())
                .map(t -> Secrets.same(t, presented))
                .orElse(false);
    }
}
