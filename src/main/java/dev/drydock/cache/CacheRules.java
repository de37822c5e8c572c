package dev.drydock.cache;

import dev.drydock.concurrent.CommittedSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The rules as every pull and every other package asks about them ({@link CacheRuleLookup}): read from PostgreSQL at
 * most once per {@link #MAX_AGE} (another replica's change applies within a second) and dropped when a change
 * commits here (this replica's change applies to the next request). Exact rules win over wildcard rules.
 */
@ApplicationScoped
public class CacheRules implements CacheRuleLookup {

    static final Duration MAX_AGE = Duration.ofSeconds(1);

    @Inject
    TransactionSynchronizationRegistry transactions;

    private final CommittedSnapshot<List<CacheRule>> rules = new CommittedSnapshot<>(MAX_AGE, this::read);

    @Override
    public Optional<CachedRepository> forUpstream(String upstreamRepository) {
        return best(rule -> rule.privateFor(upstreamRepository)
                .map(p -> new CachedRepository(rule.name(), upstreamRepository, p)));
    }

    @Override
    public Optional<CachedRepository> forPrivate(String privateRepository) {
        return best(rule -> rule.upstreamFor(privateRepository)
                .map(u -> new CachedRepository(rule.name(), u, privateRepository)));
    }

    /**
     * Whether a rule may fill {@code privateRepository}, without blocking: from the rules last read, and true when
     * they are stale (the caller then asks {@link #forPrivate} off the event loop, which reads them again).
     */
    public boolean mayFill(String privateRepository) {
        return rules.ifFresh().map(read -> read.stream().anyMatch(rule -> rule.upstreamFor(privateRepository).isPresent()))
                .orElse(true);
    }

    /** The rule of that name as last read. */
    public Optional<CacheRule> rule(String name) {
        return current().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    List<CacheRule> current() {
        return rules.current();
    }

    private Optional<CachedRepository> best(java.util.function.Function<CacheRule, Optional<CachedRepository>> match) {
        Optional<CachedRepository> wildcard = Optional.empty();
        for (CacheRule rule : current()) {
            Optional<CachedRepository> m = match.apply(rule);
            if (m.isPresent() && !rule.wildcard()) {
                return m;
            }
            if (m.isPresent() && wildcard.isEmpty()) {
                wildcard = m;
            }
        }
        return wildcard;
    }

    @Transactional
    List<CacheRule> read() {
        return CacheRuleEntity.listByName().stream().map(CacheRuleEntity::toRule).toList();
    }

    /** Drops the rules read once the current transaction commits. */
    void changed() {
        rules.changedIn(transactions);
    }
}
