package dev.drydock.access;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The one row of {@code registry_setting}. */
@Entity
@Table(name = "registry_setting")
public class RegistrySettingEntity extends PanacheEntityBase {

    static final short ID = 1;

    @Id
    @Column(name = "id")
    public short id;

    @Column(name = "anonymous_pull_enabled", nullable = false)
    public boolean anonymousPullEnabled;

    @Column(name = "changed", nullable = false)
    public Instant changed;

    static RegistrySettingEntity get() {
        return findById(ID);
    }
}
