package dev.drydock.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real docker CLI against a Docker engine of the test JVM's own: a {@code dockerd} (Debian {@code docker.io},
 * installed when missing and the tests run as root) on its own socket, data and exec roots, without bridge or
 * iptables, so it disturbs no other engine on the machine. It treats registries on 127.0.0.0/8 as plain HTTP.
 * Logins live in a config directory of its own. The engine ends with the test JVM.
 */
public final class DockerCli {

    /** What a docker command printed (stdout and stderr together) and its exit code. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private static DockerCli instance;

    private final Path socket;
    private final Path config;

    private DockerCli(Path socket, Path config) {
        this.socket = socket;
        this.config = config;
    }

    public static synchronized DockerCli get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static DockerCli start() {
        try {
            if (!Files.isExecutable(Path.of("/usr/sbin/dockerd")) && !Files.isExecutable(Path.of("/usr/bin/dockerd"))) {
                LocalProcess.run(List.of("apt-get", "install", "-y", "-q", "docker.io"), Duration.ofMinutes(5));
            }
            // exec-root holds containerd's sockets, whose paths must stay short.
            Path root = Files.createTempDirectory("drydock-dockerd");
            Path socket = root.resolve("docker.sock");
            LocalProcess daemon = LocalProcess.start("dockerd", List.of("dockerd", "--host", "unix://" + socket,
                    "--data-root", root.resolve("data").toString(), "--exec-root", root.resolve("exec").toString(),
                    "--pidfile", root.resolve("docker.pid").toString(), "--bridge", "none", "--iptables=false",
                    "--ip6tables=false"), root.resolve("dockerd.log"));
            DockerCli cli = new DockerCli(socket, Files.createDirectories(root.resolve("config")));
            daemon.awaitReady(Duration.ofSeconds(60), () -> cli.run("info").ok());
            return cli;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code docker ARGS...}; never throws for a non-zero exit. */
    public Result run(String... args) {
        return runWithInput(null, args);
    }

    /** The command line of {@code docker ARGS...} against this engine, for a caller that runs it itself. */
    public List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "--host", "unix://" + socket, "--config", config.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs docker with {@code input} on its standard input (for {@code login --password-stdin}). */
    public Result runWithInput(String input, String... args) {
        List<String> command = command(args);
        try {
            Path out = Files.createTempFile("drydock-docker", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (input != null) {
                p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            String output = Files.readString(out);
            Files.deleteIfExists(out);
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An image of one small file, tagged {@code reference}, made with {@code docker import} (no pull needed). */
    public Result importImage(String reference, String content) {
        try {
            Path dir = Files.createTempDirectory("drydock-rootfs");
            Files.writeString(dir.resolve("hello.txt"), content);
            Path tar = dir.resolveSibling(dir.getFileName() + ".tar");
            LocalProcess.run(List.of("tar", "-C", dir.toString(), "-cf", tar.toString(), "hello.txt"), Duration.ofSeconds(30));
            return run("import", tar.toString(), reference);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
