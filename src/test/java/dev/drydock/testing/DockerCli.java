package dev.drydock.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real docker CLI as a registry client, against a {@code dockerd} of the tests' own (its own socket, data,
 * and client config under the test stack's directory: nothing of a docker on this machine is touched). Installs
 * Debian's {@code docker.io} when {@code dockerd} is missing. dockerd treats registries on 127.0.0.0/8 as plain
 * HTTP, so the test stack's registries need no configuration.
 */
public final class DockerCli {

    /** What a docker command printed (stdout and stderr together) and how it exited. */
    public record Result(int exitCode, String output) {}

    private static DockerCli instance;

    private final Path socket;
    private final Path config;

    private DockerCli(Path socket, Path config) {
        this.socket = socket;
        this.config = config;
    }

    /** The one dockerd of this test JVM, started on first use. */
    public static synchronized DockerCli get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    /** Runs {@code docker ARGS…}; {@code stdin} (may be null) is its input, e.g. a password for --password-stdin. */
    public Result run(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(TestStack.workDir(), "docker-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().put("DOCKER_HOST", "unix://" + socket);
            builder.environment().put("DOCKER_CONFIG", config.toString());
            Process process = builder.start();
            try (var input = process.getOutputStream()) {
                if (stdin != null) {
                    input.write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("docker " + String.join(" ", args) + " timed out");
            }
            String output = Files.readString(out);
            Files.deleteIfExists(out);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code docker ARGS…} and fails with its output unless it exits 0. */
    public String ok(String... args) {
        Result result = run(null, args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("docker " + String.join(" ", args) + " exited " + result.exitCode()
                    + ":\n" + result.output());
        }
        return result.output();
    }

    private static DockerCli start() {
        if (!onPath("dockerd") || !onPath("docker")) {
            LocalProcess.run(List.of("apt-get", "install", "-y", "-q", "docker.io"), Duration.ofMinutes(5));
        }
        Path dir = TestStack.workDir().resolve("dockerd");
        Path socket = dir.resolve("docker.sock");
        Path config = dir.resolve("client");
        try {
            Files.createDirectories(config);
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalProcess.start("dockerd", List.of("dockerd", "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("dockerd.pid").toString(),
                "--host", "unix://" + socket, "--bridge", "none", "--iptables=false", "--ip6tables=false"),
                dir.resolve("dockerd.log"));
        DockerCli cli = new DockerCli(socket, config);
        Instant deadline = Instant.now().plusSeconds(60);
        while (cli.run(null, "version").exitCode() != 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("dockerd did not answer within 60 s; see " + dir.resolve("dockerd.log"));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return cli;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
