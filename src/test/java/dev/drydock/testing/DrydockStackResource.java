package dev.drydock.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points drydock under test at the {@link TestStack}. Registered once for every {@code @QuarkusTest} (see
 * {@link StackForAllQuarkusTests}), so all of them share one application start and one set of services.
 */
public class DrydockStackResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestStack stack = TestStack.get();
        return Map.of(
                "quarkus.datasource.jdbc.url", stack.jdbcUrl(),
                "quarkus.datasource.username", stack.dbUser(),
                "quarkus.datasource.password", stack.dbPassword(),
                "kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "drydock.private-registry.host", stack.privateRegistry().host(),
                "drydock.private-registry.plain-http", "true",
                "drydock.registry.insecure-hosts", stack.privateRegistry().host() + "," + stack.upstreamRegistry().host());
    }

    @Override
    public void stop() {
        // The services live as long as the test JVM; shutdown hooks stop them.
    }
}
