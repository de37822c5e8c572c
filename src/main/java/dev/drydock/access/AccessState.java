package dev.drydock.access;

import dev.drydock.concurrent.CommittedSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The access snapshot every registry request is decided on, read from PostgreSQL at most once per
 * {@link #MAX_AGE} (so another replica's change applies within a second) and dropped on every change made here
 * (so this replica's change applies to the very next request): a {@link CommittedSnapshot}.
 */
@ApplicationScoped
public class AccessState {

    static final Duration MAX_AGE = Duration.ofSeconds(1);

    @Inject
    TransactionSynchronizationRegistry transactions;

    private final CommittedSnapshot<AccessSnapshot> snapshot = new CommittedSnapshot<>(MAX_AGE, this::read);

    AccessSnapshot current() {
        return snapshot.current();
    }

    /** The snapshot when it is fresh, without reading the database; empty when {@link #current()} would read. */
    Optional<AccessSnapshot> ifFresh() {
        return snapshot.ifFresh();
    }

    @Transactional
    AccessSnapshot read() {
        RegistrySettingEntity setting = RegistrySettingEntity.get();
        return new AccessSnapshot(setting != null && setting.anonymousPullEnabled,
                ScopeMapEntity.listByName().stream().map(ScopeMapEntity::toScopeMap)
                        .collect(Collectors.toMap(ScopeMap::name, Function.identity())),
                TokenEntity.listByName().stream().map(TokenEntity::toToken)
                        .collect(Collectors.toMap(RegistryToken::name, Function.identity())));
    }

    /** Drops the snapshot once the current transaction ends, so the next request reads what it committed. */
    void changed() {
        snapshot.changedIn(transactions);
    }
}
