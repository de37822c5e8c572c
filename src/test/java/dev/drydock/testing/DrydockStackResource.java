package dev.drydock.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import java.util.Map;

/**
 * Points drydock under test at the {@link TestStack}. Registered once for every {@code @QuarkusTest} (see
 * {@link StackForAllQuarkusTests}), so all of them share one application start and one set of services.
 */
public class DrydockStackResource implements QuarkusTestResourceLifecycleManager {

    /** A fixed key for the tests' encrypted columns; production keys come from the environment. */
    static final String TEST_SECRETS_KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);

    /** Tokens of the test profile (application.properties, %test). */
    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final String READ_TOKEN = "test-read-token";

    @Override
    public Map<String, String> start() {
        authenticateRestAssured();
        TestStack stack = TestStack.get();
        return Map.ofEntries(Map.entry("drydock.secrets.key", TEST_SECRETS_KEY),
                // Fake registries in tests listen on random ports over plain HTTP.
                Map.entry("drydock.registry.defaults.insecure", "true"),
                Map.entry("quarkus.datasource.jdbc.url", stack.jdbcUrl()),
                Map.entry("quarkus.datasource.username", stack.dbUser()),
                Map.entry("quarkus.datasource.password", stack.dbPassword()),
                Map.entry("kafka.bootstrap.servers", stack.kafkaBootstrapServers()),
                Map.entry("drydock.private-registry.host", stack.privateRegistry().host()),
                Map.entry("drydock.private-registry.plain-http", "true"),
                Map.entry("drydock.front.backend", "http://" + stack.privateRegistry().host()),
                // The token service signs with a key made for this JVM; its registries trust the certificate.
                Map.entry("drydock.access.signing-key", TestSigningKey.key().toString()),
                Map.entry("drydock.access.certificate", TestSigningKey.certificate().toString()),
                Map.entry("drydock.access.service-password", TestSigningKey.SERVICE_PASSWORD),
                Map.entry("drydock.registry.insecure-hosts",
                        stack.privateRegistry().host() + "," + stack.upstreamRegistry().host()));
    }

    private static boolean authenticating;

    /**
     * Every RestAssured call is an admin's unless the test sends its own Authorization header. (A filter, not a
     * default request specification: that would also pin the port before Quarkus sets the test port.)
     */
    private static synchronized void authenticateRestAssured() {
        if (authenticating) {
            return;
        }
        authenticating = true;
        RestAssured.filters((request, response, context) -> {
            if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", "Bearer " + ADMIN_TOKEN);
            }
            return context.next(request, response);
        });
    }

    @Override
    public void stop() {
        // The services live as long as the test JVM; shutdown hooks stop them.
    }
}
