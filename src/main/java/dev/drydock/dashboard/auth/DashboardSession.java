package dev.drydock.dashboard.auth;

import dev.drydock.security.ApiRole;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A signed-in browser, known by the hash of its session id; see {@link Sessions}. */
@Entity
@Table(name = "dashboard_session")
public class DashboardSession extends PanacheEntityBase {

    @Id
    @Column(name = "id_sha256")
    public String idSha256;

    @Enumerated(EnumType.STRING)
    public ApiRole role;

    @Column(name = "token_sha256")
    public String tokenSha256;

    public Instant created;

    public Instant expires;
}
