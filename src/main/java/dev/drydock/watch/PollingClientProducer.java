package dev.drydock.watch;

import dev.drydock.registry.CredentialLookup;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryProfile;
import dev.drydock.registry.RetryPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

@ApplicationScoped
class PollingClientProducer {

    /** Same registries, credentials and circuit as the main client, but a 429 is reported, never waited out. */
    @Produces
    @Singleton
    @PollingClient
    RegistryClient pollingClient(RegistryProfile profile, CredentialLookup credentials) {
        return RegistryClient.builder()
                .profile(profile)
                .retryPolicy(RetryPolicy.noWait())
                .credentials(credentials)
                .build();
    }
}
