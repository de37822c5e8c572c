package dev.drydock.importer;

import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryCredential;
import dev.drydock.registry.credential.CredentialSetClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The registry client an import uses: the application's own when the job brings no credentials, else one made from
 * the same registry configuration whose only difference is the credential for the source's registry, kept so that
 * repeated imports reuse their tokens and connections: a re-import of present content then costs one source HEAD.
 */
@ApplicationScoped
public class ImportClients {

    @Inject
    RegistryClient shared;

    @Inject
    CredentialSetClients credentialClients;

    /** For a job with a credential set or its own username and password ({@code password} decrypted). */
    RegistryClient forJob(String sourceRegistry, String credentialSet, String username, String password) {
        if (credentialSet != null) {
            return credentialClients.forSet(credentialSet, sourceRegistry, null);
        }
        if (username != null && password != null) {
            return credentialClients.forCredential(sourceRegistry, new RegistryCredential(username, password), null);
        }
        return shared;
    }

    /**
     * For reading a job's source again with the job's credential set: the application's client when the job had none,
     * or the set was removed since. A job's own username and password are never reused.
     */
    public RegistryClient forSource(String sourceRegistry, String credentialSet) {
        if (credentialSet == null) {
            return shared;
        }
        try {
            return credentialClients.forSet(credentialSet, sourceRegistry, null);
        } catch (IllegalStateException e) {
            return shared;
        }
    }
}
