package dev.drydock.watch;

import dev.drydock.registry.CredentialLookup;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryClientProducer;
import dev.drydock.registry.RegistryConfig;
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
    RegistryClient pollingClient(RegistryConfig config, CredentialLookup credentials) {
        return RegistryClient.builder()
                .settings(RegistryClientProducer.settingsOf(config))
                .credentials(credentials)
                .retryPolicy(RetryPolicy.noWait())
                .circuitBreaker(config.circuit().failureThreshold(), config.circuit().coolDown())
                .build();
    }
}
