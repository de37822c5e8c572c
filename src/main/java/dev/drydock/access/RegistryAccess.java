package dev.drydock.access;

import java.util.Optional;

/** What the registry front asks before it streams a request to the storage registry. */
public interface RegistryAccess {

    /**
     * The caller an {@code Authorization} header names: none (null or blank) is anonymous; a bearer token this
     * token service issued, unexpired and correctly signed, is its holder; anything else is empty, and the
     * front answers 401 with {@link #challenge(String)}.
     */
    Optional<RegistryCaller> identify(String authorization);

    /**
     * Whether the caller may do the action to the repository now. Changes apply at once: a disabled or
     * deleted token, and anonymous pull turned off, refuse the next request even with an unexpired token.
     */
    boolean allows(RegistryCaller caller, String repository, RepositoryAction action);

    /** The {@code WWW-Authenticate} value for a refused request; {@code scope} is null for {@code /v2/}. */
    String challenge(String scope);

    /**
     * This access as it stands in memory, for deciding a request on an event loop with the same answers:
     * empty when answering would read the database (the snapshot is older than its maximum age, or a change
     * committed since) or check a signature (a bearer token not seen before); the caller then uses this
     * interface off the event loop.
     */
    Optional<RegistryAccess> inMemory(String authorization);
}
