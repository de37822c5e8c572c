package dev.drydock.task;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A registered task. The full definition is {@link #spec} (JSON); a few fields are columns for lookups. */
@Entity
@Table(name = "task")
public class Task extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String name;

    /** The {@link TaskSpec} as JSON, without the commit secret. */
    @Column(nullable = false)
    public String spec;

    /** Normalised git URL, for matching push webhooks. */
    @Column(name = "git_url")
    public String gitUrl;

    @Column(name = "commit_enabled", nullable = false)
    public boolean commitEnabled;

    @Column(name = "commit_branch")
    public String commitBranch;

    /** The task's own webhook secret, encrypted. */
    @Column(name = "commit_secret")
    public String commitSecret;

    @Column(name = "base_enabled", nullable = false)
    public boolean baseEnabled = true;

    /** runtime or all. */
    @Column(name = "base_scope", nullable = false)
    public String baseScope = "runtime";

    @Column(name = "analyzed_commit")
    public String analyzedCommit;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<Task> byName(String name) {
        return find("name", name).firstResultOptional();
    }

    /**
     * Row-locks the task for the rest of the transaction. Whoever decides whether the task gets a new run takes
     * this first, so two such decisions (a base change, a follow-up) never both miss the other's uncommitted run.
     */
    public static Optional<Task> lock(long id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }
}
