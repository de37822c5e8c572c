package dev.drydock.cache;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code cache_rule}. */
@Entity
@Table(name = "cache_rule")
class CacheRuleEntity extends PanacheEntityBase {

    @Id
    @Column(name = "name", nullable = false, updatable = false)
    public String name;

    @Column(name = "source", nullable = false)
    public String source;

    @Column(name = "target", nullable = false)
    public String target;

    @Column(name = "credential_set")
    public String credentialSet;

    @Column(name = "refresh_seconds", nullable = false)
    public long refreshSeconds;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "sync_tags", columnDefinition = "jsonb")
    public SyncTags syncTags;

    @Column(name = "hits", nullable = false)
    public long hits;

    @Column(name = "misses", nullable = false)
    public long misses;

    @Column(name = "last_check")
    public Instant lastCheck;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "last_error_at")
    public Instant lastErrorAt;

    /** When the tag sync is due next; null: at once. */
    @Column(name = "next_sync_at")
    public Instant nextSyncAt;

    @Column(name = "created", nullable = false)
    public Instant created;

    @Column(name = "updated", nullable = false)
    public Instant updated;

    static List<CacheRuleEntity> listByName() {
        return list("order by name");
    }

    CacheRule toRule() {
        return new CacheRule(name, source, target, credentialSet, Duration.ofSeconds(refreshSeconds), syncTags,
                new CacheRule.Stats(hits, misses, lastCheck, lastError, lastErrorAt, created, updated));
    }
}
