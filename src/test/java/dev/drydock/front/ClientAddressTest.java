package dev.drydock.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress behindIngress = new ClientAddress(List.of("10.0.0.0/8", "fd00::/8", "192.0.2.1"));

    @Test
    void shouldUseThePeerWhenNoProxyIsTrusted() {
        assertThat(new ClientAddress(List.of()).of("198.51.100.7", "203.0.113.9")).isEqualTo("198.51.100.7");
    }

    @Test
    void shouldIgnoreForwardedForFromAnUntrustedPeer() {
        assertThat(behindIngress.of("198.51.100.7", "203.0.113.9")).as("a client naming itself anyone").isEqualTo("198.51.100.7");
    }

    @Test
    void shouldTakeTheNearestUntrustedHopFromATrustedPeer() {
        assertThat(behindIngress.of("10.1.2.3", "203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(behindIngress.of("10.1.2.3", "1.1.1.1, 203.0.113.9, 10.4.5.6"))
                .as("what the client wrote first is not believed").isEqualTo("203.0.113.9");
        assertThat(behindIngress.of("192.0.2.1", "2001:db8::5")).isEqualTo("2001:db8::5");
        assertThat(behindIngress.of("fd00::1", "[2001:db8::6]")).isEqualTo("[2001:db8::6]");
    }

    @Test
    void shouldStopAtAHopThatIsNotAnAddress() {
        assertThat(behindIngress.of("10.1.2.3", "evil.example, 10.4.5.6")).isEqualTo("10.4.5.6");
        assertThat(behindIngress.of("10.1.2.3", "not an address")).isEqualTo("10.1.2.3");
    }

    @Test
    void shouldNeverLookANameUp() {
        assertThat(ClientAddress.literal("localhost")).isEmpty();
        assertThat(ClientAddress.literal("256.1.1.1")).isEmpty();
        assertThat(ClientAddress.literal("::ffff:zz")).isEmpty();
        assertThat(ClientAddress.literal("127.0.0.1")).isPresent();
    }

    @Test
    void shouldRefuseARangeThatIsNotOne() {
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33")))
                .hasMessageContaining("drydock.front.trusted-proxies").hasMessageContaining("0..32");
        assertThatThrownBy(() -> new ClientAddress(List.of("ingress.local")))
                .hasMessageContaining("not an IP address or CIDR range");
    }
}
