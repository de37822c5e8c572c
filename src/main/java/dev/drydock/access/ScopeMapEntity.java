package dev.drydock.access;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code scope_map}; its repositories are a JSON list of {@link StoredRule}. */
@Entity
@Table(name = "scope_map")
public class ScopeMapEntity extends PanacheEntityBase {

    /** A scope-map line as stored: actions by their wire names ({@code content/read}). */
    public record StoredRule(String repository, List<String> actions) {}

    @Id
    @Column(name = "name", nullable = false, updatable = false)
    public String name;

    @Column(name = "description")
    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "repositories", nullable = false, columnDefinition = "jsonb")
    public List<StoredRule> repositories;

    @Column(name = "created", nullable = false)
    public Instant created;

    static List<ScopeMapEntity> listByName() {
        return list("order by name");
    }

    ScopeMap toScopeMap() {
        return new ScopeMap(name, description, repositories.stream().map(ScopeMapEntity::rule).toList(), created);
    }

    static StoredRule stored(ScopeRule rule) {
        return new StoredRule(rule.repository(), rule.actions().stream().sorted().map(RepositoryAction::wire).toList());
    }

    private static ScopeRule rule(StoredRule stored) {
        Set<RepositoryAction> actions = EnumSet.noneOf(RepositoryAction.class);
        for (RepositoryAction action : RepositoryAction.values()) {
            if (stored.actions().contains(action.wire())) {
                actions.add(action);
            }
        }
        return new ScopeRule(stored.repository(), actions);
    }
}
