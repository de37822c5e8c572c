package dev.drydock.cache;

import dev.drydock.testing.FaultProxy;
import dev.drydock.testing.LocalRegistry;
import dev.drydock.testing.RegistryOptions;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The private registry through the front (as users reach it) with an upstream Distribution of its own, which the
 * tests stop and start and whose access log they count, and a fault proxy in front of it that answers 429s.
 */
public class PullThroughProfile implements QuarkusTestProfile {

    static final int PORT = freePort();
    static final String FRONT = "127.0.0.1:" + PORT;
    static final LocalRegistry UPSTREAM = LocalRegistry.start(RegistryOptions.anonymous());
    static final FaultProxy FAULTY = FaultProxy.in(UPSTREAM);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("drydock.front.port", Integer.toString(PORT),
                "drydock.access.realm", "http://" + FRONT + "/service/token",
                "drydock.front.anonymous.rate", "10000", "drydock.front.anonymous.burst", "100000",
                "drydock.private-registry.host", FRONT,
                "drydock.registry.insecure-hosts", String.join(",", FRONT, TestStack.get().upstreamRegistry().host(),
                        UPSTREAM.host(), FAULTY.host()));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
