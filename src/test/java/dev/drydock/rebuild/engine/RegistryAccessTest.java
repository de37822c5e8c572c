package dev.drydock.rebuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.image.ImageReference;
import dev.drydock.net.OutboundPolicy;
import dev.drydock.registry.CredentialLookup;
import dev.drydock.registry.RegistryException;
import dev.drydock.registry.RegistryProfile;
import dev.drydock.registry.RegistrySettings;
import dev.drydock.registry.RegistrySettingsProvider;
import dev.drydock.registry.RetryPolicy;
import dev.drydock.registry.http.Http1Client;
import dev.drydock.testing.ScriptedRegistry;
import dev.drydock.testing.ScriptedRegistry.Answer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A build's registry client takes the configured profile: its retries and circuit breaker, not the defaults. */
class RegistryAccessTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);

    private static Iterator<Answer> twoFailuresThenTheDigest() {
        return List.of(Answer.status(503), Answer.status(503), Answer.digest(DIGEST)).iterator();
    }

    private static RegistryProfile profile(int attempts, int circuitThreshold) {
        return new RegistryProfile(RegistrySettingsProvider.of(RegistrySettings.defaults()), Duration.ofSeconds(5),
                RetryPolicy.defaults().withMaxAttempts(attempts).withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)),
                circuitThreshold, Duration.ofMinutes(5));
    }

    private static Http1Client http() {
        return new Http1Client(Duration.ofSeconds(5), OutboundPolicy.defaults().withLoopback(true));
    }

    @Test
    void shouldRetryABuildsRegistryCallAsOftenAsTheProfileSays() throws Exception {
        Iterator<Answer> script = twoFailuresThenTheDigest();
        try (ScriptedRegistry registry = ScriptedRegistry.start(script::next)) {
            RegistryAccess access = new RegistryAccess(Set.of(registry.host()), CredentialLookup.anonymous(),
                    Set.of(registry.host()));

            var head = access.client(http(), profile(3, 10)).headManifest(ImageReference.parse(registry.host() + "/app:1"));

            assertThat(head).hasValueSatisfying(d -> assertThat(d.digest().toString()).isEqualTo(DIGEST));
            assertThat(registry.heads()).hasSize(3);
        }
    }

    @Test
    void shouldOpenTheCircuitAfterTheProfilesFailureThreshold() throws Exception {
        try (ScriptedRegistry registry = ScriptedRegistry.start(() -> Answer.status(503))) {
            RegistryAccess access = new RegistryAccess(Set.of(registry.host()), CredentialLookup.anonymous(),
                    Set.of(registry.host()));
            var client = access.client(http(), profile(1, 1));
            ImageReference app = ImageReference.parse(registry.host() + "/app:1");

            assertThatThrownBy(() -> client.headManifest(app)).isInstanceOf(RegistryException.class);
            assertThatThrownBy(() -> client.headManifest(app)).isInstanceOf(RegistryException.class);

            assertThat(registry.heads()).as("the second call fails fast: the circuit is open").hasSize(1);
        }
    }

    @Test
    void shouldReachTheBuildsPlainHttpRegistriesOverHttpOnTopOfTheProfile() {
        RegistryProfile plain = RegistryProfile.defaults().withPlainHttp(Set.of("127.0.0.1:5000"));

        assertThat(plain.settings().forRegistry("127.0.0.1:5000").insecure()).isTrue();
        assertThat(plain.settings().forRegistry("registry.example").insecure()).isFalse();
        assertThat(plain.retryPolicy()).isEqualTo(RegistryProfile.defaults().retryPolicy());
    }

    @Test
    void shouldGiveBuildahAsManyRetriesAsTheProfile() {
        assertThat(BuildahBuilder.retryFlags(profile(4, 5))).containsExactly("--retry", "3", "--retry-delay", "1ms");
    }
}
