package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryHostsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "docker.io, docker.io",
        "index.docker.io, docker.io",
        "registry-1.docker.io, docker.io",
        "ghcr.io, ghcr.io",
        "GHCR.io, ghcr.io",
        "127.0.0.1:5000, 127.0.0.1:5000",
        "localhost, localhost",
        "localhost:5000, localhost:5000",
        "registry.local:5000, registry.local:5000",
    })
    void shouldNormaliseRegistryHostsLikeReferencesDo(String host, String expected) {
        assertThat(RegistryHosts.normalise(host)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"myhost", "not a host", "ghcr.io/org", "https://ghcr.io", "ghcr.io:port"})
    void shouldRejectWhatIsNotARegistryHost(String host) {
        assertThatThrownBy(() -> RegistryHosts.normalise(host)).isInstanceOf(IllegalArgumentException.class);
    }
}
