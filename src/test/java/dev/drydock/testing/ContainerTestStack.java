package dev.drydock.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The test stack in containers, for machines with a Docker engine and the images present. Image names can be
 * changed with system properties {@code drydock.test.image.postgres}, {@code .kafka} and {@code .registry}.
 */
final class ContainerTestStack implements TestStack {

    private final GenericContainer<?> postgres;
    private final GenericContainer<?> kafka;
    private final GenericContainer<?> privateRegistry;
    private final GenericContainer<?> upstreamRegistry;

    private ContainerTestStack(GenericContainer<?> postgres, GenericContainer<?> kafka,
            GenericContainer<?> privateRegistry, GenericContainer<?> upstreamRegistry) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.privateRegistry = privateRegistry;
        this.upstreamRegistry = upstreamRegistry;
    }

    static boolean dockerAvailable() {
        boolean socket = Files.exists(Path.of("/var/run/docker.sock")) || System.getenv("DOCKER_HOST") != null;
        return socket && DockerClientFactory.instance().isDockerAvailable();
    }

    static ContainerTestStack start() {
        GenericContainer<?> postgres = new GenericContainer<>(image("postgres", "postgres:16-alpine"))
                .withEnv("POSTGRES_DB", LocalPostgres.DATABASE)
                .withEnv("POSTGRES_USER", LocalPostgres.USER)
                .withEnv("POSTGRES_PASSWORD", LocalPostgres.PASSWORD)
                .withExposedPorts(5432)
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2));
        postgres.start();
        // A fixed host port: the broker must advertise the address clients dial.
        int kafkaPort = LocalProcess.freePort();
        GenericContainer<?> kafka = new GenericContainer<>(image("kafka", "apache/kafka:4.1.1"))
                .withEnv("KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093")
                .withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://localhost:" + kafkaPort)
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        com.github.dockerjava.api.model.PortBinding.parse(kafkaPort + ":9092")))
                .withStartupTimeout(Duration.ofMinutes(2));
        kafka.start();
        return new ContainerTestStack(postgres, kafka, registry(), registry());
    }

    private static GenericContainer<?> registry() {
        GenericContainer<?> registry = new GenericContainer<>(image("registry", "registry:2"))
                .withExposedPorts(5000)
                .waitingFor(Wait.forHttp("/v2/").forStatusCode(200));
        registry.start();
        return registry;
    }

    private static TestRegistry hostOf(GenericContainer<?> registry) {
        String host = "localhost:" + registry.getMappedPort(5000);
        return new TestRegistry() {
            @Override
            public String host() {
                return host;
            }

            @Override
            public void stop() {
                registry.getDockerClient().pauseContainerCmd(registry.getContainerId()).exec();
            }

            @Override
            public void start() {
                registry.getDockerClient().unpauseContainerCmd(registry.getContainerId()).exec();
            }
        };
    }

    private static DockerImageName image(String part, String fallback) {
        return DockerImageName.parse(System.getProperty("drydock.test.image." + part, fallback));
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + LocalPostgres.DATABASE;
    }

    @Override
    public String kafkaBootstrapServers() {
        return "localhost:" + kafka.getCurrentContainerInfo().getHostConfig().getPortBindings()
                .getBindings().values().iterator().next()[0].getHostPortSpec();
    }

    @Override
    public TestRegistry privateRegistry() {
        return hostOf(privateRegistry);
    }

    @Override
    public TestRegistry upstreamRegistry() {
        return hostOf(upstreamRegistry);
    }

    @Override
    public void stopKafka() {
        kafka.getDockerClient().pauseContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public void startKafka() {
        kafka.getDockerClient().unpauseContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public void stopPostgres() {
        postgres.getDockerClient().pauseContainerCmd(postgres.getContainerId()).exec();
    }

    @Override
    public void startPostgres() {
        postgres.getDockerClient().unpauseContainerCmd(postgres.getContainerId()).exec();
    }

    @Override
    public void stopPrivateRegistry() {
        privateRegistry.getDockerClient().pauseContainerCmd(privateRegistry.getContainerId()).exec();
    }

    @Override
    public void startPrivateRegistry() {
        privateRegistry.getDockerClient().unpauseContainerCmd(privateRegistry.getContainerId()).exec();
    }

    @Override
    public void close() {
        upstreamRegistry.stop();
        privateRegistry.stop();
        kafka.stop();
        postgres.stop();
    }
}
