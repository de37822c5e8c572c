package dev.drydock.registry.credential;

import dev.drydock.image.Digest;
import dev.drydock.net.OutboundPolicy;
import dev.drydock.registry.CredentialLookup;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryCredential;
import dev.drydock.registry.RegistryProfile;
import dev.drydock.registry.RetryPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Registry clients whose only difference from the application's is the credential for one registry: a stored
 * credential set, or a caller's own username and password; every other registry gets the configured credentials,
 * so a credential never travels to another origin. Clients are kept (a few, least recently used dropped) so repeated
 * use reuses tokens and connections. A set deleted and created again under its name is a new client, never the old
 * secret.
 */
@ApplicationScoped
public class CredentialSetClients {

    static final int KEPT = 32;

    @Inject
    RegistryProfile profile;

    @Inject
    OutboundPolicy outbound;

    @Inject
    CredentialLookup storedCredentials;

    @Inject
    CredentialService credentialSets;

    private final Map<String, RegistryClient> clients = Collections.synchronizedMap(
            new LinkedHashMap<>(KEPT, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, RegistryClient> eldest) {
                    return size() > KEPT;
                }
            });

    /**
     * A client using credential set {@code set} for {@code registry}; {@code retry} null for the configured retries.
     *
     * @throws IllegalStateException when the set no longer exists
     */
    public RegistryClient forSet(String set, String registry, RetryPolicy retry) {
        Credential stored = credentialSets.find(set)
                .orElseThrow(() -> new IllegalStateException("credential set " + set + " was removed"));
        return clients.computeIfAbsent(key("set:" + set + "@" + stored.created(), registry, retry), k -> {
            String secret = credentialSets.secret(set)
                    .orElseThrow(() -> new IllegalStateException("credential set " + set + " was removed"));
            return build(registry, Optional.of(new RegistryCredential(stored.username(), secret)), retry);
        });
    }

    /** A client using this username and password for {@code registry}. */
    public RegistryClient forCredential(String registry, RegistryCredential credential, RetryPolicy retry) {
        // Keyed by a hash: the password itself is no map key.
        String hash = Digest.sha256Of((registry + "\n" + credential.username() + "\n" + credential.password())
                .getBytes(StandardCharsets.UTF_8)).toString();
        return clients.computeIfAbsent(key("inline:" + hash, registry, retry),
                k -> build(registry, Optional.of(credential), retry));
    }

    /** A client with the configured credentials only, and its own retry policy. */
    public RegistryClient withRetries(RetryPolicy retry) {
        return clients.computeIfAbsent(key("stored", "", retry), k -> build("", Optional.empty(), retry));
    }

    private static String key(String credential, String registry, RetryPolicy retry) {
        return credential + "|" + registry + "|" + retry;
    }

    private RegistryClient build(String registry, Optional<RegistryCredential> credential, RetryPolicy retry) {
        CredentialLookup lookup = credential.isEmpty() ? storedCredentials
                : r -> r.equals(registry) ? credential : storedCredentials.forRegistry(r);
        RegistryClient.Builder builder = RegistryClient.builder().outbound(outbound).profile(profile).credentials(lookup);
        return (retry == null ? builder : builder.retryPolicy(retry)).build();
    }
}
