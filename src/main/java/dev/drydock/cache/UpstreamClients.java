package dev.drydock.cache;

import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryException;
import dev.drydock.registry.RetryPolicy;
import dev.drydock.registry.credential.CredentialSetClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The registry clients the cache asks upstream with: the same registry configuration as everywhere, one attempt per
 * request (a pull waits for the answer: a 429 or an outage is reported at once and the cached copy served, never
 * retried inline), and the rule's credential set for the source's registry when it has one.
 */
@ApplicationScoped
public class UpstreamClients {

    @Inject
    CredentialSetClients credentialClients;

    /** @throws RegistryException when the rule's credential set was removed (a failure the rule shows) */
    public RegistryClient forRule(CacheRule rule, String registry) {
        if (rule.credentialSet() == null) {
            return credentialClients.withRetries(RetryPolicy.noWait());
        }
        try {
            return credentialClients.forSet(rule.credentialSet(), registry, RetryPolicy.noWait());
        } catch (IllegalStateException e) {
            throw new RegistryException(registry, rule.source(), "cache rule " + rule.name() + ": " + e.getMessage());
        }
    }
}
