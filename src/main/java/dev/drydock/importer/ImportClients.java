package dev.drydock.importer;

import dev.drydock.image.Digest;
import dev.drydock.net.OutboundPolicy;
import dev.drydock.registry.CredentialLookup;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryCredential;
import dev.drydock.registry.RegistryProfile;
import dev.drydock.registry.credential.CredentialService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registry client an import uses: the application's own when the job brings no credentials, else one made from
 * the same registry configuration whose only difference is the credential for the source's registry. Clients are
 * kept per credential (a few, least recently used dropped), so repeated imports reuse their tokens and connections:
 * a re-import of present content then costs one source HEAD.
 */
@ApplicationScoped
public class ImportClients {

    static final int KEPT = 16;

    @Inject
    RegistryClient shared;

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

    /** For a job with a credential set or its own username and password ({@code password} decrypted). */
    RegistryClient forJob(String sourceRegistry, String credentialSet, String username, String password) {
        if (credentialSet != null) {
            return clients.computeIfAbsent("set:" + credentialSet + "@" + sourceRegistry, k -> {
                String user = credentialSets.find(credentialSet).map(c -> c.username())
                        .orElseThrow(() -> new IllegalStateException("credential set " + credentialSet + " was removed"));
                String secret = credentialSets.secret(credentialSet).orElseThrow(
                        () -> new IllegalStateException("credential set " + credentialSet + " was removed"));
                return build(sourceRegistry, new RegistryCredential(user, secret));
            });
        }
        if (username != null && password != null) {
            // Keyed by a hash: the password itself is no map key.
            String key = "inline:" + Digest.sha256Of((sourceRegistry + "\n" + username + "\n" + password)
                    .getBytes(StandardCharsets.UTF_8));
            return clients.computeIfAbsent(key, k -> build(sourceRegistry, new RegistryCredential(username, password)));
        }
        return shared;
    }

    /**
     * For reading a job's source again with the job's credential set: the application's client when the job had none,
     * or the set was removed since. A job's own username and password are never reused.
     */
    public RegistryClient forSource(String sourceRegistry, String credentialSet) {
        if (credentialSet == null || credentialSets.find(credentialSet).isEmpty()) {
            return shared;
        }
        return forJob(sourceRegistry, credentialSet, null, null);
    }

    private RegistryClient build(String sourceRegistry, RegistryCredential credential) {
        CredentialLookup lookup = registry -> registry.equals(sourceRegistry) ? Optional.of(credential)
                : storedCredentials.forRegistry(registry);
        return RegistryClient.builder().outbound(outbound).profile(profile).credentials(lookup).build();
    }
}
