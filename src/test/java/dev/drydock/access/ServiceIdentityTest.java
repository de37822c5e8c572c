package dev.drydock.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.registry.CredentialLookup;
import dev.drydock.registry.RegistryCredential;
import dev.drydock.testing.TestSigningKey;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** drydock's own pulls and pushes of the private registry carry the service identity, and only there. */
@QuarkusTest
class ServiceIdentityTest {

    @Inject
    CredentialLookup credentials;

    @Test
    void shouldUseTheServiceIdentityForThePrivateRegistryOnly() {
        assertThat(credentials.forRegistry(TestStack.get().privateRegistry().host()))
                .contains(new RegistryCredential(TestSigningKey.SERVICE_USERNAME, TestSigningKey.SERVICE_PASSWORD));
        assertThat(credentials.forRegistry(TestStack.get().upstreamRegistry().host())).isEmpty();
    }
}
