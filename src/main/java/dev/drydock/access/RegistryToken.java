package dev.drydock.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A repository-scoped token: one scope map, enabled or not, up to two passwords (password1, password2). */
public record RegistryToken(String name, String scopeMap, boolean enabled, Instant created, List<Password> passwords) {

    public static final List<String> PASSWORD_NAMES = List.of("password1", "password2");

    public RegistryToken {
        passwords = List.copyOf(passwords);
    }

    /** One of the two passwords; {@code hash} never leaves this package's API answers. */
    public record Password(String name, String hash, Instant created, Instant expires) {

        public boolean expiredAt(Instant now) {
            return expires != null && !now.isBefore(expires);
        }

        @Override
        public String toString() {
            return "Password[name=" + name + ", created=" + created + ", expires=" + expires + ", hash=<redacted>]";
        }
    }

    public Optional<Password> password(String name) {
        return passwords.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
