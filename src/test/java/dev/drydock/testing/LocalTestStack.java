package dev.drydock.testing;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** The test stack as processes on this machine: Debian's PostgreSQL and Distribution, Kafka from its jars. */
final class LocalTestStack implements TestStack {

    private final LocalPostgres postgres;
    private final LocalKafka kafka;
    private final LocalRegistry privateRegistry;
    private final LocalRegistry upstreamRegistry;

    private LocalTestStack(LocalPostgres postgres, LocalKafka kafka, LocalRegistry privateRegistry,
            LocalRegistry upstreamRegistry) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.privateRegistry = privateRegistry;
        this.upstreamRegistry = upstreamRegistry;
    }

    static LocalTestStack start(Path workDir) {
        // Kafka takes the longest; start it while the others come up.
        CompletableFuture<LocalKafka> kafka = CompletableFuture.supplyAsync(() -> LocalKafka.start(workDir));
        LocalPostgres postgres = LocalPostgres.start(workDir);
        LocalRegistry privateRegistry = LocalRegistry.start(workDir, RegistryOptions.anonymous());
        LocalRegistry upstreamRegistry = LocalRegistry.start(workDir, RegistryOptions.anonymous());
        return new LocalTestStack(postgres, kafka.join(), privateRegistry, upstreamRegistry);
    }

    @Override
    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public TestRegistry privateRegistry() {
        return privateRegistry;
    }

    @Override
    public TestRegistry upstreamRegistry() {
        return upstreamRegistry;
    }

    @Override
    public void stopKafka() {
        kafka.stop();
    }

    @Override
    public void startKafka() {
        kafka.startBroker();
    }

    @Override
    public void stopPostgres() {
        postgres.stop();
    }

    @Override
    public void startPostgres() {
        postgres.restart();
    }

    @Override
    public void stopPrivateRegistry() {
        privateRegistry.stop();
    }

    @Override
    public void startPrivateRegistry() {
        privateRegistry.startProcess();
    }

    @Override
    public void close() {
        upstreamRegistry.close();
        privateRegistry.close();
        kafka.close();
        postgres.close();
    }
}
