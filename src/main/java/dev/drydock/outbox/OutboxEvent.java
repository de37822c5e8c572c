package dev.drydock.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One event waiting for (or done with) publication; rows are written only through {@link Outbox}. */
@Entity
@Table(name = "outbox_event")
class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long seq;

    @Column(nullable = false, unique = true)
    UUID id;

    @Column(nullable = false)
    String channel;

    @Column(name = "event_key", nullable = false)
    String key;

    @Column(nullable = false)
    String type;

    String subject;

    @Column(nullable = false)
    String data;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "published_at")
    Instant publishedAt;

    int attempts;

    @Column(name = "last_error")
    String lastError;

    static List<OutboxEvent> unpublished(int limit) {
        return find("publishedAt is null order by seq").page(0, limit).list();
    }
}
