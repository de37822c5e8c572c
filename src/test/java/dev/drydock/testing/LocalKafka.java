package dev.drydock.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka KRaft broker (broker and controller in one process), run from the Kafka jars that
 * {@code ./drydock} resolves from Maven Central into {@code .drydock/kafka/libs}. It can be stopped and started
 * again on the same port and data, to test what happens while Kafka is down.
 */
public final class LocalKafka implements AutoCloseable {

    private final Path libs;
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private LocalProcess broker;

    private LocalKafka(Path libs, Path dir, int port, int controllerPort) {
        this.libs = libs;
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public static LocalKafka start(Path workDir) {
        Path libs = Path.of(System.getProperty("drydock.test.kafka-libs", ".drydock/kafka/libs"));
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException("Kafka broker jars not found in " + libs.toAbsolutePath()
                    + "; run the tests with `./drydock test`, which resolves them first");
        }
        // A free port can be taken by another process before the broker binds it: try again on fresh ports.
        for (int attempt = 1; ; attempt++) {
            int port = LocalProcess.freePort();
            int controllerPort = LocalProcess.freePort();
            if (controllerPort == port) {
                continue;
            }
            LocalKafka kafka = new LocalKafka(libs, workDir.resolve("kafka-" + System.nanoTime()), port, controllerPort);
            kafka.format();
            try {
                kafka.startBroker();
                return kafka;
            } catch (IllegalStateException e) {
                kafka.close();
                if (attempt == 3 || !e.getMessage().contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker again after {@link #stop()}, with the same port and data. */
    public void startBroker() {
        if (broker != null && broker.isAlive()) {
            return;
        }
        broker = LocalProcess.start("kafka", List.of(javaBin(), "-Xmx384m", "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-cp", libs.toAbsolutePath() + "/*", "kafka.Kafka", dir.resolve("server.properties").toString()),
                dir.resolve("kafka.log"));
        broker.awaitReady(Duration.ofSeconds(180), () -> LocalProcess.portOpen(port) && clusterAnswers());
    }

    /** Kills the broker (SIGKILL) so that clients see it disappear. */
    public void stop() {
        if (broker != null) {
            broker.kill();
        }
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
    }

    private boolean clusterAnswers() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000))) {
            return !admin.describeCluster().nodes().get().isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private void format() {
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(dir.resolve("server.properties"), String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "inter.broker.listener.name=PLAINTEXT",
                    "log.dirs=" + dir.resolve("data"),
                    "num.partitions=3",
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=3",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=true",
                    ""));
            Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                    "rootLogger.level = WARN",
                    "rootLogger.appenderRef.stdout.ref = STDOUT",
                    "appender.stdout.type = Console",
                    "appender.stdout.name = STDOUT",
                    "appender.stdout.layout.type = PatternLayout",
                    "appender.stdout.layout.pattern = [%d] %p %m (%c)%n",
                    "logger.kafka.name = kafka",
                    "logger.kafka.level = INFO",
                    ""));
            LocalProcess.run(List.of(javaBin(), "-cp", libs.toAbsolutePath() + "/*", "kafka.tools.StorageTool",
                    "format", "-t", clusterId(), "-c", dir.resolve("server.properties").toString()),
                    Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kafka's own generator: it never starts an id with '-', which the storage tool would take for an option. */
    private static String clusterId() {
        return Uuid.randomUuid().toString();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
