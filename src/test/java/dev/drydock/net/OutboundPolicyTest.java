package dev.drydock.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drydock.net.OutboundPolicy.Reason;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OutboundPolicyTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "169.254.169.254, METADATA",
        "fd00:ec2::254, METADATA",
        "100.100.100.200, METADATA",
        "169.254.0.1, LINK_LOCAL",
        "fe80::1, LINK_LOCAL",
        "febf:ffff::1, LINK_LOCAL",
        // IPv6 forms a gateway turns into the metadata address
        "64:ff9b::a9fe:a9fe, METADATA",
        "::ffff:169.254.169.254, METADATA",
        "::a9fe:a9fe, METADATA",
        "2002:a9fe:a9fe::1, METADATA",
        "127.0.0.1, ALLOWED",
        "127.8.9.10, ALLOWED",
        "::1, ALLOWED",
        "10.0.0.1, ALLOWED",
        "100.100.100.201, ALLOWED",
        "fd00:ec2::253, ALLOWED",
        "fec0::1, ALLOWED",
        "2001:db8::1, ALLOWED",
    })
    void shouldDenyMetadataAndLinkLocalAddressesByDefault(String address, String expected) throws Exception {
        assertEquals(expected, verdict(OutboundPolicy.defaults(), address));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "127.0.0.1, LOOPBACK",
        "::1, LOOPBACK",
        "0.0.0.0, LOOPBACK",
        "::, LOOPBACK",
        "64:ff9b::7f00:1, LOOPBACK",
        "192.0.2.1, ALLOWED",
    })
    void shouldDenyLoopbackWhenTurnedOff(String address, String expected) throws Exception {
        assertEquals(expected, verdict(OutboundPolicy.defaults().withLoopback(false), address));
    }

    @Test
    void shouldKeepMetadataDeniedWhenLinkLocalIsAllowed() throws Exception {
        OutboundPolicy policy = OutboundPolicy.defaults().withLinkLocal(true);
        assertEquals("ALLOWED", verdict(policy, "169.254.10.1"));
        assertEquals("METADATA", verdict(policy, "169.254.169.254"));
    }

    @Test
    void shouldDenyConfiguredRangesBeforeAllowedOnes() throws Exception {
        OutboundPolicy policy = OutboundPolicy.defaults()
                .withDenied(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("192.168.1.7")))
                .withAllowed(List.of(Cidr.parse("10.1.0.0/16"), Cidr.parse("169.254.10.0/24")));
        assertEquals("DENIED_RANGE", verdict(policy, "10.1.2.3"));
        assertEquals("DENIED_RANGE", verdict(policy, "192.168.1.7"));
        assertEquals("ALLOWED", verdict(policy, "192.168.1.8"));
        assertEquals("ALLOWED", verdict(policy, "169.254.10.5"), "allow is an exception to the built-in rules");
        assertEquals("LINK_LOCAL", verdict(policy, "169.254.11.5"));
    }

    @Test
    void shouldJudgeTheAddressANameResolvesToNotTheName() throws Exception {
        OutboundPolicy policy = OutboundPolicy.defaults()
                .withDenied(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1")));
        AddressNotAllowedException e = assertThrows(AddressNotAllowedException.class,
                () -> policy.allowedAddresses("localhost"));
        assertEquals("localhost", e.host());
        assertEquals(Reason.DENIED_RANGE, e.reason());
        assertEquals("address of localhost is not allowed by drydock.outbound (in drydock.outbound.deny)",
                e.getMessage());
    }

    @Test
    void shouldReadItsRangesFromTheConfigAndNameTheKeyOfABadOne() throws Exception {
        OutboundPolicy policy = OutboundPolicy.of(config(true, false, List.of("10.0.0.0/8", " "), List.of()));
        assertEquals("DENIED_RANGE", verdict(policy, "10.9.9.9"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutboundPolicy.of(config(true, false, List.of(), List.of("registry.local"))));
        assertEquals("drydock.outbound.allow: \"registry.local\" is not an IP address range (e.g. 10.0.0.0/8, "
                + "fd00::/8)", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/33", "10.0.0.0/x", "example.com", "''", "::1/129", "10.0.0.0/-1"})
    void shouldRefuseARangeThatIsNotACidr(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertTrue(e.getMessage().contains(text) || e.getMessage().contains("prefix"), e.getMessage());
    }

    @Test
    void shouldMatchPartialBytesOfAPrefix() throws Exception {
        Cidr range = Cidr.parse("172.16.0.0/12");
        assertTrue(range.contains(InetAddress.getByName("172.31.255.255")));
        assertTrue(!range.contains(InetAddress.getByName("172.32.0.0")));
        assertEquals("172.16.0.0/12", range.toString());
    }

    private static String verdict(OutboundPolicy policy, String literal) throws UnknownHostException {
        Optional<Reason> reason = policy.denial(InetAddress.getByName(literal));
        return reason.map(Enum::name).orElse("ALLOWED");
    }

    private static OutboundConfig config(boolean loopback, boolean linkLocal, List<String> deny, List<String> allow) {
        return new OutboundConfig() {
            @Override
            public boolean allowLoopback() {
                return loopback;
            }

            @Override
            public boolean allowLinkLocal() {
                return linkLocal;
            }

            @Override
            public Optional<List<String>> deny() {
                return Optional.of(deny);
            }

            @Override
            public Optional<List<String>> allow() {
                return Optional.of(allow);
            }
        };
    }

    @Test
    void shouldConnectToTheAddressItCheckedWhenTheNameResolvesToADeniedOneLater() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            AtomicInteger lookups = new AtomicInteger();
            // Rebinding: the first answer is allowed, every later one is the metadata service.
            OutboundPolicy policy = OutboundPolicy.defaults().withResolver(host -> new InetAddress[] {
                    InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.1" : "169.254.169.254")});

            try (Socket socket = policy.connect("rebinding.example", server.getLocalPort(), Duration.ofSeconds(2))) {
                assertEquals("127.0.0.1", socket.getInetAddress().getHostAddress());
            }
            assertEquals(1, lookups.get(), "the name is resolved once, for the check and the connection");
            assertThrows(AddressNotAllowedException.class,
                    () -> policy.connect("rebinding.example", server.getLocalPort(), Duration.ofSeconds(2)));
        }
    }
}
