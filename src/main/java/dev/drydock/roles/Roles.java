package dev.drydock.roles;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The roles this replica plays ({@code drydock.roles}, default all). */
@ApplicationScoped
public class Roles {

    private final Set<Role> roles;

    public Roles(@ConfigProperty(name = "drydock.roles", defaultValue = RoleSet.ALL) String setting) {
        this.roles = Collections.unmodifiableSet(RoleSet.parse(setting));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** As {@code drydock.roles} names them, e.g. {@code api,registry-front}. */
    public String names() {
        return RoleSet.names(roles);
    }
}
