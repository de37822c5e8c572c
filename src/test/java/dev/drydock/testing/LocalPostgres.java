package dev.drydock.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (Debian's {@code postgresql} package) in a fresh data directory on a free port.
 * As root, initdb and the server run as the {@code postgres} user, which owns the data directory.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String DATABASE = "drydock";
    public static final String USER = "drydock";
    public static final String PASSWORD = "drydock";

    private final Path binDir;
    private final Path dataDir;
    private final int port;
    private LocalProcess server;

    private LocalPostgres(Path binDir, Path dataDir, int port) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.port = port;
    }

    public static LocalPostgres start(Path workDir) {
        Path bin = findBinDir();
        Path data = workDir.resolve("pg-" + System.nanoTime());
        LocalPostgres pg = new LocalPostgres(bin, data, LocalProcess.freePort());
        pg.init();
        pg.startServer();
        pg.createDatabase();
        return pg;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    private void init() {
        try {
            Files.createDirectories(dataDir);
            chownToPostgres(dataDir);
            LocalProcess.run(LocalProcess.asUser("postgres", List.of(binDir.resolve("initdb").toString(),
                    "-D", dataDir.toString(), "--auth=trust", "-U", "postgres", "--encoding=UTF8", "--no-sync")),
                    Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again after {@link #stop()}, on the same port and data. */
    public void startServer() {
        if (server != null && server.isAlive()) {
            return;
        }
        // fsync off is safe here (the machine does not crash, the server does); synchronous_commit stays on, or a
        // crash-like stop loses commits drydock was already told of, which no real deployment would do.
        server = LocalProcess.start("postgres", LocalProcess.asUser("postgres", List.of(
                binDir.resolve("postgres").toString(), "-D", dataDir.toString(), "-p", String.valueOf(port),
                "-k", dataDir.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
                "-c", "full_page_writes=off", "-c", "max_connections=200")),
                dataDir.resolveSibling(dataDir.getFileName() + ".log"));
        server.awaitReady(Duration.ofSeconds(30), () -> LocalProcess.portOpen(port) && accepts());
    }

    private boolean accepts() {
        try {
            psql("SELECT 1");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void createDatabase() {
        psql("CREATE ROLE " + USER + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "'");
        psql("CREATE DATABASE " + DATABASE + " OWNER " + USER);
    }

    /** Runs one SQL statement as the superuser through the server's socket; returns psql's output. */
    public String psql(String sql) {
        return LocalProcess.run(LocalProcess.asUser("postgres", List.of(binDir.resolve("psql").toString(),
                "-h", dataDir.toString(), "-p", String.valueOf(port), "-U", "postgres", "-d", "postgres",
                "-v", "ON_ERROR_STOP=1", "-Atc", sql)), Duration.ofSeconds(30));
    }

    /** Stops the server like a crash: immediate shutdown, no checkpoint; {@link #restart()} brings it back. */
    public void stop() {
        LocalProcess.run(LocalProcess.asUser("postgres", List.of(binDir.resolve("pg_ctl").toString(),
                "-D", dataDir.toString(), "-m", "immediate", "-w", "stop")), Duration.ofSeconds(30));
        server.close();
    }

    /** Starts the server again on the same port and data (after {@link #stop()}). */
    public void restart() {
        if (server != null && server.isAlive()) {
            return;
        }
        startServer();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    private static void chownToPostgres(Path dir) {
        if (LocalProcess.isRoot()) {
            LocalProcess.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), Duration.ofSeconds(10));
        }
    }

    static Path findBinDir() {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL server binaries not found under " + root
                    + "; install them with `./drydock setup` (apt-get install postgresql)", e);
        }
    }
}
