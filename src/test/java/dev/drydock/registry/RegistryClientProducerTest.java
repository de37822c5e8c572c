package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Typed config to client settings, without CDI. */
class RegistryClientProducerTest {

    private record Defaults(boolean insecure, int maxConcurrentRequests, Duration timeout)
            implements RegistryConfig.Defaults {}

    private record Host(Optional<Boolean> insecure, OptionalInt maxConcurrentRequests, Optional<Duration> timeout)
            implements RegistryConfig.Host {}

    private record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxWait)
            implements RegistryConfig.Retry {}

    private record Circuit(int failureThreshold, Duration coolDown) implements RegistryConfig.Circuit {}

    private record Config(RegistryConfig.Defaults defaults, Map<String, RegistryConfig.Host> hosts,
            Optional<List<String>> insecureHosts, RegistryConfig.Retry retry, RegistryConfig.Circuit circuit)
            implements RegistryConfig {}

    private static Config config(Map<String, RegistryConfig.Host> hosts, List<String> insecure) {
        return new Config(new Defaults(false, 8, Duration.ofSeconds(30)), hosts, Optional.of(insecure),
                new Retry(2, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(10)),
                new Circuit(5, Duration.ofSeconds(30)));
    }

    @Test
    void shouldUseDefaultsForUnlistedRegistries() {
        RegistrySettingsProvider settings = RegistryClientProducer.settingsOf(config(Map.of(), List.of()));
        assertThat(settings.forRegistry("ghcr.io")).isEqualTo(new RegistrySettings(false, 8, Duration.ofSeconds(30)));
    }

    @Test
    void shouldOverrideDefaultsPerHostKeyedLikeReferences() {
        RegistrySettingsProvider settings = RegistryClientProducer.settingsOf(config(Map.of(
                "index.docker.io", new Host(Optional.empty(), OptionalInt.of(2), Optional.empty()),
                "registry.local:5000", new Host(Optional.of(true), OptionalInt.empty(), Optional.of(Duration.ofSeconds(5)))),
                List.of()));

        assertThat(settings.forRegistry("docker.io")).isEqualTo(new RegistrySettings(false, 2, Duration.ofSeconds(30)));
        assertThat(settings.forRegistry("registry.local:5000"))
                .isEqualTo(new RegistrySettings(true, 8, Duration.ofSeconds(5)));
    }

    @Test
    void shouldUsePlainHttpForInsecureHostsUnlessAHostEntrySaysOtherwise() {
        RegistrySettingsProvider settings = RegistryClientProducer.settingsOf(config(Map.of(
                "127.0.0.1:6000", new Host(Optional.empty(), OptionalInt.of(3), Optional.empty()),
                "127.0.0.1:7000", new Host(Optional.of(false), OptionalInt.empty(), Optional.empty())),
                List.of("127.0.0.1:5000", " 127.0.0.1:6000", "127.0.0.1:7000", "")));

        assertThat(settings.forRegistry("127.0.0.1:5000").insecure()).isTrue();
        assertThat(settings.forRegistry("127.0.0.1:6000")).isEqualTo(new RegistrySettings(true, 3, Duration.ofSeconds(30)));
        assertThat(settings.forRegistry("127.0.0.1:7000").insecure()).isFalse();
        assertThat(settings.forRegistry("ghcr.io").insecure()).isFalse();
    }

    @Test
    void shouldRejectAHostKeyThatIsNotARegistry() {
        assertThatThrownBy(() -> RegistryClientProducer.settingsOf(config(Map.of(
                "myhost", new Host(Optional.empty(), OptionalInt.empty(), Optional.empty())), List.of())))
                .hasMessageContaining("drydock.registry.hosts").hasMessageContaining("myhost");
    }

    @Test
    void shouldBuildTheRetryPolicyFromConfig() {
        RetryPolicy policy = RegistryClientProducer.retryPolicyOf(config(Map.of(), List.of()).retry());
        assertThat(policy.maxAttempts()).isEqualTo(2);
        assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.maxWait()).isEqualTo(Duration.ofSeconds(10));
    }
}
