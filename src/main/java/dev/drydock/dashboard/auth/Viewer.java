package dev.drydock.dashboard.auth;

import dev.drydock.security.ApiRole;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** Who is looking at the dashboard in this request; set by {@link SessionFilter}. Never holds the token. */
@RequestScoped
public class Viewer {

    private ApiRole role;

    void signIn(ApiRole role) {
        this.role = role;
    }

    public Optional<ApiRole> role() {
        return Optional.ofNullable(role);
    }

    /** May press buttons (cancel, re-run, run now, check now). */
    public boolean admin() {
        return role == ApiRole.ADMIN;
    }
}
