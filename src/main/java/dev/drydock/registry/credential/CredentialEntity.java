package dev.drydock.registry.credential;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A row of {@code registry_credential}; the password is only ever stored encrypted. */
@Entity
@Table(name = "registry_credential")
public class CredentialEntity extends PanacheEntityBase {

    @Id
    @Column(name = "name", nullable = false, updatable = false)
    public String name;

    @Column(name = "registry", nullable = false)
    public String registry;

    @Column(name = "username", nullable = false)
    public String username;

    /** {@link SecretCipher} output, bound to {@link #name}. */
    @Column(name = "password_encrypted", nullable = false)
    public String passwordEncrypted;

    @Column(name = "created", nullable = false)
    public Instant created;

    public static Optional<CredentialEntity> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    public static List<CredentialEntity> listByName() {
        return list("order by name");
    }

    /** For a registry, the oldest first (that one is used when several exist). */
    public static List<CredentialEntity> listForRegistry(String registry) {
        return list("registry = ?1 order by created, name", registry);
    }

    Credential toCredential() {
        return new Credential(name, registry, username, created);
    }

    @Override
    public String toString() {
        return "CredentialEntity[name=" + name + ", registry=" + registry + ", username=" + username
                + ", password=<redacted>]";
    }
}
