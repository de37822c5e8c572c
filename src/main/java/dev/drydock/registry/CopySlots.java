package dev.drydock.registry;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The request slots a streamed blob copy holds for its whole length: one on the source's registry for the download
 * and one on the target's for the upload, both taken before either request starts. A copy that held its download
 * while waiting for an upload slot could deadlock with others doing the same on one registry (every slot a download
 * waiting for an upload); here they are taken together instead: two at once from the same registry's slots (one when
 * it allows only one, then the copy's two connections share it), or one from each registry in the order of their
 * names, so two copies in opposite directions cannot each hold what the other waits for.
 */
final class CopySlots implements AutoCloseable {

    private final RegistryEndpoint first;
    private final int firstPermits;
    private final RegistryEndpoint second;

    private CopySlots(RegistryEndpoint first, int firstPermits, RegistryEndpoint second) {
        this.first = first;
        this.firstPermits = firstPermits;
        this.second = second;
    }

    /**
     * Waits for the slots of a copy from {@code source} to {@code target}, each wait at most the registry's timeout.
     *
     * @throws RegistryUnavailableException when the slots stayed busy that long
     */
    static CopySlots take(RegistryEndpoint source, RegistryEndpoint target, String repository) {
        if (source == target) {
            int permits = Math.min(2, source.settings.maxConcurrentRequests());
            acquire(source, permits, repository);
            return new CopySlots(source, permits, null);
        }
        boolean sourceFirst = source.registry.compareTo(target.registry) <= 0;
        RegistryEndpoint first = sourceFirst ? source : target;
        RegistryEndpoint second = sourceFirst ? target : source;
        acquire(first, 1, repository);
        try {
            acquire(second, 1, repository);
        } catch (RuntimeException e) {
            first.permits.release();
            throw e;
        }
        return new CopySlots(first, 1, second);
    }

    /** Whether a request to {@code ep} runs in these slots. */
    boolean covers(RegistryEndpoint ep) {
        return ep == first || ep == second;
    }

    @Override
    public void close() {
        first.permits.release(firstPermits);
        if (second != null) {
            second.permits.release();
        }
    }

    /** One slot on {@code ep} for a single request; the wire layer's way of taking one. */
    static void acquire(RegistryEndpoint ep, int permits, String repository) {
        Semaphore slots = ep.permits;
        try {
            if (!slots.tryAcquire(permits, ep.settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RegistryUnavailableException(ep.registry, repository, 0, null,
                        "all " + ep.settings.maxConcurrentRequests() + " request slots for registry " + ep.registry
                                + " stayed busy for " + ep.settings.timeout(), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException(ep.registry, repository, 0, null,
                    "interrupted while waiting for a request slot on registry " + ep.registry, e);
        }
    }
}
