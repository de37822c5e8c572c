package dev.drydock.it;

import dev.drydock.testing.DockerCli;
import dev.drydock.testing.TestStack;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The packaged drydock ({@code target/quarkus-app}) as a separate process against the test stack. */
final class DrydockProcess implements AutoCloseable {

    static final String TOKEN = "it-admin-token";
    static final String WEBHOOK_SECRET = "it-webhook-secret";
    /** A loaded 2-core machine has been seen to need 80 s for the first start. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final Process process;
    private final int port;
    private final Runnable cleanup;

    private DrydockProcess(Process process, int port, Runnable cleanup) {
        this.process = process;
        this.port = port;
        this.cleanup = cleanup;
    }

    static DrydockProcess start(TestStack stack, Path log) throws IOException, InterruptedException {
        return start(stack, log, Map.of());
    }

    /** {@code overrides}: environment variables that replace or add to the ones derived from the stack. */
    static DrydockProcess start(TestStack stack, Path log, Map<String, String> overrides)
            throws IOException, InterruptedException {
        int port = freePort();
        String jar = System.getProperty("drydock.test.app-jar", "target/quarkus-app/quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar));
        builder.environment().putAll(environment(stack, port, overrides));
        return launch(builder, port, log, () -> {});
    }

    /**
     * drydock's container image ({@code tools/image/build}) run by {@code docker run} on the host's network, so that
     * it reaches the stack on 127.0.0.1 as a process would. The environment is handed over by name ({@code -e NAME}),
     * so no secret appears on a command line. Not privileged: all capabilities dropped but the four the buildah engine
     * needs, seccomp and AppArmor unconfined for its {@code unshare} (docs/image.md).
     */
    static DrydockProcess startContainer(DockerCli docker, String image, TestStack stack, Path log)
            throws IOException, InterruptedException {
        int port = freePort();
        String name = "drydock-it-" + port;
        Map<String, String> env = new TreeMap<>(environment(stack, port, Map.of()));
        env.put("JAVA_TOOL_OPTIONS", "-Xmx512m");
        List<String> args = new ArrayList<>(List.of("run", "--rm", "--name", name, "--network", "host", "--cap-drop", "ALL",
                "--cap-add", "SETUID", "--cap-add", "SETGID", "--cap-add", "SETFCAP", "--cap-add", "SYS_CHROOT",
                "--security-opt", "seccomp=unconfined", "--security-opt", "apparmor=unconfined"));
        env.keySet().forEach(key -> args.addAll(List.of("-e", key)));
        args.add(image);
        ProcessBuilder builder = new ProcessBuilder(docker.command(args.toArray(String[]::new)));
        builder.environment().putAll(env);
        return launch(builder, port, log, () -> docker.run("rm", "-f", name));
    }

    private static Map<String, String> environment(TestStack stack, int port, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("DRYDOCK_PORT", String.valueOf(port));
        env.put("DRYDOCK_DB_URL", stack.jdbcUrl());
        env.put("DRYDOCK_DB_USER", stack.dbUser());
        env.put("DRYDOCK_DB_PASSWORD", stack.dbPassword());
        env.put("DRYDOCK_KAFKA", stack.kafkaBootstrapServers());
        env.put("DRYDOCK_PRIVATE_REGISTRY", stack.privateRegistry().host());
        env.put("DRYDOCK_PRIVATE_REGISTRY_PLAIN_HTTP", "true");
        // These processes push straight to the test stack's registry; FrontIT runs the front.
        env.put("DRYDOCK_FRONT_ENABLED", "false");
        env.put("DRYDOCK_REGISTRY_INSECURE_HOSTS", stack.privateRegistry().host() + "," + stack.upstreamRegistry().host());
        env.put("DRYDOCK_SECRETS_KEY", KEY);
        env.put("DRYDOCK_API_TOKEN", TOKEN);
        env.put("DRYDOCK_WORKER_LEASE", "4s");
        env.put("DRYDOCK_WORKER_HEARTBEAT", "500ms");
        env.put("DRYDOCK_WEBHOOK_SECRET", WEBHOOK_SECRET);
        env.putAll(overrides);
        return env;
    }

    private static DrydockProcess launch(ProcessBuilder builder, int port, Path log, Runnable cleanup)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process process = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        DrydockProcess drydock = new DrydockProcess(process, port, cleanup);
        try {
            drydock.awaitReady(log);
        } catch (RuntimeException | InterruptedException e) {
            drydock.close();
            throw e;
        }
        return drydock;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no clean stop — the process just disappears. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as a rolling update or {@code systemctl stop} sends it; waits until the process has exited. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("drydock did not stop within 60 s of SIGTERM");
        }
    }

    @Override
    public void close() {
        process.destroy();
        cleanup.run();
    }

    HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        return callWith(method, path, json, "Bearer " + TOKEN, "application/json");
    }

    HttpResponse<String> callWith(String method, String path, String json, String authorization, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Content-Type", contentType)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady(Path log) throws InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("drydock exited; see " + log);
            }
            try {
                HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url() + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("drydock not ready after " + READY_TIMEOUT + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
