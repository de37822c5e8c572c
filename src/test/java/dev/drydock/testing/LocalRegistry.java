package dev.drydock.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A real CNCF Distribution registry (Debian's {@code docker-registry}) on a free port with fresh storage.
 * Its access log (one line per request) is in {@link #log()}.
 */
public final class LocalRegistry implements TestRegistry, AutoCloseable {

    private final Path dir;
    private final int port;
    private final RegistryOptions options;
    private LocalProcess process;

    private LocalRegistry(Path dir, int port, RegistryOptions options) {
        this.dir = dir;
        this.port = port;
        this.options = options;
    }

    public static LocalRegistry start(RegistryOptions options) {
        return start(TestStack.workDir(), options);
    }

    public static LocalRegistry start(Path workDir, RegistryOptions options) {
        LocalRegistry registry = new LocalRegistry(workDir.resolve("registry-" + System.nanoTime()),
                LocalProcess.freePort(), options);
        registry.writeConfig();
        registry.startProcess();
        return registry;
    }

    @Override
    public String host() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return dir.resolve("registry.log");
    }

    public RegistryOptions options() {
        return options;
    }

    /** Restarts the process on the same port and storage (e.g. after {@link #stop()}). */
    public void startProcess() {
        if (process != null && process.isAlive()) {
            return;
        }
        process = LocalProcess.start("registry " + host(),
                List.of("docker-registry", "serve", dir.resolve("config.yml").toString()), log());
        process.awaitReady(Duration.ofSeconds(20), this::answers);
    }

    @Override
    public void stop() {
        if (process != null) {
            process.kill();
        }
    }

    @Override
    public void start() {
        startProcess();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) url().resolve("/v2/").toURL().openConnection();
            c.setConnectTimeout(200);
            c.setReadTimeout(500);
            int status = c.getResponseCode();
            c.disconnect();
            return status == 200 || status == 401;
        } catch (IOException e) {
            return false;
        }
    }

    private void writeConfig() {
        try {
            Files.createDirectories(dir.resolve("storage"));
            StringBuilder yaml = new StringBuilder();
            yaml.append("version: 0.1\n")
                    .append("log:\n  level: info\n  formatter: text\n  accesslog:\n    disabled: false\n")
                    .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("storage")).append('\n')
                    .append("  delete:\n    enabled: true\n")
                    .append("  maintenance:\n    uploadpurging:\n      enabled: false\n")
                    .append("http:\n  addr: 127.0.0.1:").append(port).append('\n')
                    .append("  secret: ").append(UUID.randomUUID()).append('\n');
            if (options.auth() instanceof RegistryOptions.Htpasswd h) {
                Path file = dir.resolve("htpasswd");
                String line = LocalProcess.run(List.of("htpasswd", "-Bbn", h.username(), h.password()),
                        Duration.ofSeconds(20)).strip();
                Files.writeString(file, line + "\n");
                yaml.append("auth:\n  htpasswd:\n    realm: drydock-test\n    path: ").append(file).append('\n');
            } else if (options.auth() instanceof RegistryOptions.Token t) {
                yaml.append("auth:\n  token:\n")
                        .append("    realm: ").append(t.realm()).append('\n')
                        .append("    service: ").append(t.service()).append('\n')
                        .append("    issuer: ").append(t.issuer()).append('\n')
                        .append("    rootcertbundle: ").append(t.rootCertBundle()).append('\n');
            }
            options.notifications().ifPresent(n -> yaml.append("notifications:\n  endpoints:\n")
                    .append("    - name: drydock\n")
                    .append("      url: ").append(n.url()).append('\n')
                    .append("      headers:\n        Authorization: [\"Bearer ").append(n.bearerToken()).append("\"]\n")
                    .append("      timeout: 2s\n      threshold: 3\n      backoff: 1s\n")
                    // Distribution 2.8 applies ignore.actions only when ignore.mediatypes is non-empty.
                    .append("      ignore:\n        mediatypes: [application/octet-stream]\n        actions: [pull]\n"));
            Files.writeString(dir.resolve("config.yml"), yaml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
