package dev.drydock.access;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A row of {@code registry_token} with its passwords ({@code registry_token_password}). */
@Entity
@Table(name = "registry_token")
public class TokenEntity extends PanacheEntityBase {

    /** A password as stored: only its hash. */
    @Embeddable
    public static class StoredPassword {
        @Column(name = "name", nullable = false)
        public String name;

        @Column(name = "hash", nullable = false)
        public String hash;

        @Column(name = "created", nullable = false)
        public Instant created;

        @Column(name = "expires")
        public Instant expires;

        @Override
        public String toString() {
            return "StoredPassword[name=" + name + ", hash=<redacted>]";
        }
    }

    @Id
    @Column(name = "name", nullable = false, updatable = false)
    public String name;

    @Column(name = "scope_map", nullable = false)
    public String scopeMap;

    @Column(name = "enabled", nullable = false)
    public boolean enabled;

    @Column(name = "created", nullable = false)
    public Instant created;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "registry_token_password", joinColumns = @JoinColumn(name = "token"))
    public List<StoredPassword> passwords = new ArrayList<>();

    static List<TokenEntity> listByName() {
        return list("order by name");
    }

    static long countUsing(String scopeMap) {
        return count("scopeMap", scopeMap);
    }

    RegistryToken toToken() {
        List<RegistryToken.Password> list = passwords.stream()
                .map(p -> new RegistryToken.Password(p.name, p.hash, p.created, p.expires))
                .sorted(java.util.Comparator.comparing(RegistryToken.Password::name)).toList();
        return new RegistryToken(name, scopeMap, enabled, created, list);
    }
}
