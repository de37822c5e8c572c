package dev.drydock.concurrent;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A value read from the database at most once per {@code maxAge} (so another replica's change applies within that
 * time) and dropped when a change commits on this replica (so it applies to the very next read). A value read
 * while a change committed is not kept.
 */
public final class CommittedSnapshot<T> {

    private record Loaded<T>(T value, long at, long generation) {}

    private final long maxAgeNanos;
    private final Supplier<T> read;
    private final AtomicLong generation = new AtomicLong();
    private volatile Loaded<T> loaded;

    public CommittedSnapshot(Duration maxAge, Supplier<T> read) {
        this.maxAgeNanos = maxAge.toNanos();
        this.read = read;
    }

    /** The value, read again first when it is stale. */
    public T current() {
        Loaded<T> l = loaded;
        if (fresh(l)) {
            return l.value();
        }
        synchronized (this) {
            l = loaded;
            if (fresh(l)) {
                return l.value();
            }
            long at = System.nanoTime();
            long g = generation.get();
            T value = read.get();
            loaded = new Loaded<>(value, at, g);
            return value;
        }
    }

    /** The value when it is fresh, without reading; empty when {@link #current()} would read. */
    public Optional<T> ifFresh() {
        Loaded<T> l = loaded;
        return fresh(l) ? Optional.of(l.value()) : Optional.empty();
    }

    /** Drops the value once the caller's current transaction commits. */
    public void changedIn(TransactionSynchronizationRegistry transactions) {
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

    private boolean fresh(Loaded<T> l) {
        return l != null && l.generation() == generation.get() && System.nanoTime() - l.at() < maxAgeNanos;
    }
}
