package dev.drydock.cache;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** A row of {@code cache_tag}: a tag the cache filled, the digest it holds and when upstream was last asked. */
@Entity
@Table(name = "cache_tag")
class CachedTagEntity extends PanacheEntityBase {

    @Embeddable
    record Key(@Column(name = "repository") String repository, @Column(name = "tag") String tag)
            implements Serializable {}

    @EmbeddedId
    public Key key;

    /** Null once the rule that filled it was deleted. */
    @Column(name = "rule")
    public String rule;

    @Column(name = "digest", nullable = false)
    public String digest;

    @Column(name = "checked_at", nullable = false)
    public Instant checkedAt;

    @Column(name = "imported_at", nullable = false)
    public Instant importedAt;

    static List<String> repositoriesUnder(String prefix) {
        String like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%";
        return getEntityManager().createQuery("select distinct t.key.repository from CachedTagEntity t "
                + "where t.key.repository = ?1 or t.key.repository like ?2", String.class)
                .setParameter(1, prefix).setParameter(2, like).getResultList();
    }

    static List<CachedTagEntity> ofRule(String rule) {
        return list("rule = ?1 order by key.repository, key.tag", rule);
    }
}
