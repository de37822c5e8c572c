package dev.drydock.front;

import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The private registry as users and drydock's builds reach it: through the front on a fixed port, whose
 * {@code /service/token} is the challenges' realm; the test stack's Distribution behind it. Throttles wide open
 * (FrontThrottleTest has its own profile).
 */
public class ThroughTheFront implements QuarkusTestProfile {

    static final int PORT = freePort();
    static final String FRONT = "127.0.0.1:" + PORT;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("drydock.front.port", Integer.toString(PORT),
                "drydock.access.realm", "http://" + FRONT + "/service/token",
                "drydock.front.anonymous.rate", "10000", "drydock.front.anonymous.burst", "100000",
                "drydock.private-registry.host", FRONT,
                "drydock.registry.insecure-hosts", FRONT + "," + TestStack.get().upstreamRegistry().host());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
