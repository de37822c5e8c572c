package dev.drydock.registry;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens by registry, user and scope, until they expire. A token for
 * {@code repository:a:pull} is not reused for {@code repository:b:pull}.
 */
final class TokenCache {

    record Key(String registry, String username, List<String> scopes) {}

    private final Map<Key, BearerToken> tokens = new ConcurrentHashMap<>();
    private final Clock clock;

    TokenCache(Clock clock) {
        this.clock = clock;
    }

    Optional<BearerToken> get(Key key) {
        BearerToken token = tokens.get(key);
        if (token == null) {
            return Optional.empty();
        }
        if (!token.validAt(clock.instant())) {
            tokens.remove(key, token);
            return Optional.empty();
        }
        return Optional.of(token);
    }

    void put(Key key, BearerToken token) {
        tokens.put(key, token);
    }

    /** Forgets {@code token} (the registry rejected it), unless another thread already replaced it. */
    void invalidate(Key key, String tokenValue) {
        tokens.computeIfPresent(key, (k, t) -> t.value().equals(tokenValue) ? null : t);
    }

    int size() {
        return tokens.size();
    }
}
