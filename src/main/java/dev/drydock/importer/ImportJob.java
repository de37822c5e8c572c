package dev.drydock.importer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code import_job}. The password is only ever stored encrypted and never leaves this package. */
@Entity
@Table(name = "import_job")
public class ImportJob extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ImportStatus status;

    @Column(nullable = false)
    public String source;

    /** Full references (private registry host included) of the tags to write. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> targets;

    /** Full repository names (private registry host included) that get the content by digest only. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "untagged_targets", nullable = false)
    public List<String> untaggedTargets;

    /** Null: every platform (the index copied as it is); else the platforms to keep, e.g. linux/amd64. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> platforms;

    @Column(nullable = false)
    public boolean force;

    @Column(name = "credential_set")
    public String credentialSet;

    public String username;

    @Column(name = "password_encrypted")
    String passwordEncrypted;

    @Column(name = "source_digest")
    public String sourceDigest;

    @Column(name = "source_media_type")
    public String sourceMediaType;

    /** What the targets hold: the source digest, or the new index's when platforms were chosen. */
    @Column(name = "target_digest")
    public String targetDigest;

    @JdbcTypeCode(SqlTypes.JSON)
    public ImportProgress progress;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "rate_limit")
    public RateLimit rateLimit;

    public String error;

    @Column(name = "cancel_requested", nullable = false)
    public boolean cancelRequested;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The context a job's password is encrypted under: a ciphertext moved to another job does not decrypt. */
    String secretContext() {
        return "import-" + id;
    }

    @Override
    public String toString() {
        return "ImportJob[" + id + " " + status + " " + source + ", password=<redacted>]";
    }
}
