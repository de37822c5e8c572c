package dev.drydock.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The access snapshot every registry request is decided on, read from PostgreSQL at most once per
 * {@link #MAX_AGE} (so another replica's change applies within a second) and dropped on every change made here
 * (so this replica's change applies to the very next request).
 */
@ApplicationScoped
public class AccessState {

    static final Duration MAX_AGE = Duration.ofSeconds(1);

    private record Loaded(AccessSnapshot snapshot, long at, long generation) {}

    /** Counts committed changes: a snapshot read while one committed is not kept. */
    private final AtomicLong generation = new AtomicLong();

    @Inject
    TransactionSynchronizationRegistry transactions;

    private volatile Loaded loaded;

    AccessSnapshot current() {
        Loaded l = loaded;
        if (fresh(l)) {
            return l.snapshot();
        }
        synchronized (this) {
            l = loaded;
            if (fresh(l)) {
                return l.snapshot();
            }
            long at = System.nanoTime();
            long g = generation.get();
            AccessSnapshot read = read();
            loaded = new Loaded(read, at, g);
            return read;
        }
    }

    /** The snapshot when it is fresh, without reading the database; empty when {@link #current()} would read. */
    Optional<AccessSnapshot> ifFresh() {
        Loaded l = loaded;
        return fresh(l) ? Optional.of(l.snapshot()) : Optional.empty();
    }

    private boolean fresh(Loaded l) {
        return l != null && l.generation() == generation.get() && System.nanoTime() - l.at() < MAX_AGE.toNanos();
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
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    generation.incrementAndGet();
                }
            }
        });
    }
}
