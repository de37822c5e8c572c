package dev.drydock.cache;

import dev.drydock.net.OutboundPolicy;
import dev.drydock.registry.CredentialLookup;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryCredential;
import dev.drydock.registry.RegistryProfile;
import dev.drydock.registry.RetryPolicy;
import dev.drydock.registry.credential.CredentialService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry clients the cache asks upstream with: the same registry configuration as everywhere, one attempt per
 * request (a pull waits for the answer: a 429 or an outage is reported at once and the cached copy served, never
 * retried inline), and the rule's credential set for the source's registry when it has one.
 */
@ApplicationScoped
public class UpstreamClients {

    @Inject
    RegistryProfile profile;

    @Inject
    OutboundPolicy outbound;

    @Inject
    CredentialLookup storedCredentials;

    @Inject
    CredentialService credentialSets;

    private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

    /** The client for {@code rule}'s source registry {@code registry}: the rule's credential set, one attempt. */
    public RegistryClient forRule(CacheRule rule, String registry) {
        String set = rule.credentialSet();
        return clients.computeIfAbsent(set == null ? "" : set + "@" + registry, key -> {
            CredentialLookup lookup = storedCredentials;
            if (set != null) {
                Optional<RegistryCredential> credential = credentialSets.find(set).flatMap(c -> credentialSets.secret(set)
                        .map(secret -> new RegistryCredential(c.username(), secret)));
                lookup = r -> r.equals(registry) && credential.isPresent() ? credential : storedCredentials.forRegistry(r);
            }
            return RegistryClient.builder().outbound(outbound).profile(profile).credentials(lookup)
                    .retryPolicy(RetryPolicy.noWait()).build();
        });
    }
}
