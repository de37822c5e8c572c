package dev.drydock.watch;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A base image drydock watches, with what its last check found. Owned by the watch package. */
@Entity
@Table(name = "base")
public class TrackedBase extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Normalised reference, e.g. docker.io/library/eclipse-temurin:21-jre. */
    @Column(nullable = false)
    public String reference;

    @Column(nullable = false)
    public String registry;

    /** os/arch[/variant], or empty for the tag as a whole. */
    @Column(nullable = false)
    public String platform = "";

    /** What the tag points at (a HEAD answers this). */
    public String digest;

    /** The platform's own manifest digest inside an index, when {@link #platform} is set. */
    @Column(name = "platform_digest")
    public String platformDigest;

    @Column(name = "media_type")
    public String mediaType;

    @Column(nullable = false)
    public String status = BaseStatus.PENDING.wire();

    /** When {@link #status} last changed. */
    @Column(name = "status_since")
    public Instant statusSince;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "interval_seconds", nullable = false)
    public int intervalSeconds;

    /** Name of the credential set used for this registry, if any. */
    public String credentials;

    @Column(name = "tracked_explicitly", nullable = false)
    public boolean trackedExplicitly = true;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_checked_at")
    public Instant lastCheckedAt;

    @Column(name = "last_changed_at")
    public Instant lastChangedAt;

    @Column(name = "next_check_at", nullable = false)
    public Instant nextCheckAt;

    /** Checks in a row that failed; reset by a successful one. */
    @Column(name = "check_failures", nullable = false)
    public int checkFailures;

    /** The digest a change is judged by: the platform's manifest when a platform is set, else the tag's. */
    public String effectiveDigest() {
        return platform.isEmpty() ? digest : platformDigest;
    }

    /** Sets the status, remembering when it changed. */
    public void setStatus(BaseStatus next, Instant at) {
        if (!next.wire().equals(status) || statusSince == null) {
            statusSince = at;
        }
        status = next.wire();
    }

    public BaseStatus baseStatus() {
        return BaseStatus.ofWire(status).orElse(BaseStatus.PENDING);
    }

    public static Optional<TrackedBase> byReference(String reference, String platform) {
        return find("reference = ?1 and platform = ?2", reference, platform).firstResultOptional();
    }
}
