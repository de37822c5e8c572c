package dev.drydock.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real services the tests run against: PostgreSQL, a Kafka broker and two registries (the private one
 * drydock pushes to and an "upstream" standing in for Docker Hub). One per test JVM, started on first use.
 *
 * <p>One switch decides how they run: system property {@code drydock.test.stack} or environment variable
 * {@code DRYDOCK_TEST_STACK} = {@code local} (processes on this machine), {@code containers} (Testcontainers) or
 * {@code auto} (the default: containers when a Docker engine answers, local processes otherwise).
 */
public interface TestStack extends AutoCloseable {

    String jdbcUrl();

    default String dbUser() {
        return LocalPostgres.USER;
    }

    default String dbPassword() {
        return LocalPostgres.PASSWORD;
    }

    String kafkaBootstrapServers();

    /** host:port of the private registry drydock pushes to. */
    TestRegistry privateRegistry();

    /** host:port of the registry that plays a public upstream such as Docker Hub. */
    TestRegistry upstreamRegistry();

    /** Makes Kafka unreachable (the broker is killed); {@link #startKafka()} brings it back with its data. */
    void stopKafka();

    void startKafka();

    /** Makes PostgreSQL unreachable (an immediate shutdown, like a crash); {@link #startPostgres()} brings it back. */
    void stopPostgres();

    void startPostgres();

    /** Makes the private registry unreachable (killed); {@link #startPrivateRegistry()} brings it back. */
    void stopPrivateRegistry();

    void startPrivateRegistry();

    /** Ends the services of a stack from {@link #startNew()}; the shared one ends with the test JVM. */
    @Override
    void close();

    static TestStack get() {
        return Holder.INSTANCE;
    }

    /** A stack of its own, for a test that kills and restarts services; the caller closes it. */
    static TestStack startNew() {
        return create();
    }

    /** Where test services keep their data; under target/ so that {@code mvn clean} removes it. */
    static Path workDir() {
        Path dir = Path.of(System.getProperty("drydock.test.work-dir", "target/test-stack")).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static TestStack create() {
        String mode = System.getProperty("drydock.test.stack",
                System.getenv().getOrDefault("DRYDOCK_TEST_STACK", "auto"));
        boolean containers = switch (mode) {
            case "local" -> false;
            case "containers" -> true;
            case "auto" -> ContainerTestStack.dockerAvailable();
            default -> throw new IllegalArgumentException(
                    "drydock.test.stack must be local, containers or auto, not '" + mode + "'");
        };
        return containers ? ContainerTestStack.start() : LocalTestStack.start(workDir());
    }

    final class Holder {
        static final TestStack INSTANCE = create();

        private Holder() {}
    }
}
