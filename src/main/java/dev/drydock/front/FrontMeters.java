package dev.drydock.front;

import dev.drydock.access.RegistryCaller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The front's meters: requests by outcome and caller kind, throttled requests by caller kind, and pulls (manifest
 * GETs) by repository — the first {@code drydock.front.metered-repositories} repositories by name, the rest as
 * {@code other}, so a flood of names cannot grow the series without bound.
 */
final class FrontMeters {

    /** What became of a request. */
    enum Outcome {
        /** Streamed to the backend (whatever it answered). */
        FORWARDED,
        /** Refused by the front: not allowed, or an unknown path. */
        REFUSED,
        /** An Authorization header the token service did not recognise. */
        UNAUTHENTICATED,
        /** Over its throttle: 429. */
        THROTTLED,
        /** The backend could not be reached or broke off. */
        FAILED
    }

    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final int maxRepositories;
    private final Set<String> metered = ConcurrentHashMap.newKeySet();

    FrontMeters(MeterRegistry registry, int maxRepositories) {
        this.registry = registry;
        this.maxRepositories = maxRepositories;
    }

    void request(Outcome outcome, RegistryCaller.Kind kind) {
        Counter.builder("drydock.front.requests")
                .description("Requests to the registry front, by outcome and caller kind")
                .tag("outcome", outcome.name().toLowerCase())
                .tag("caller", kind.name().toLowerCase())
                .register(registry).increment();
        if (outcome == Outcome.THROTTLED) {
            Counter.builder("drydock.front.throttled")
                    .description("Requests refused with 429 by the front's throttle, by caller kind")
                    .tag("caller", kind.name().toLowerCase())
                    .register(registry).increment();
        }
    }

    void pull(String repository) {
        Counter.builder("drydock.front.pulls")
                .description("Manifest GETs through the front, by repository (the first ones by name, then other)")
                .tag("repository", meteredName(repository))
                .register(registry).increment();
    }

    String meteredName(String repository) {
        if (metered.contains(repository)) {
            return repository;
        }
        synchronized (metered) {
            if (metered.size() < maxRepositories) {
                metered.add(repository);
                return repository;
            }
        }
        return metered.contains(repository) ? repository : OTHER;
    }
}
