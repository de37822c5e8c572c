package dev.drydock.rebuild.engine;

import dev.drydock.graph.buildfile.Engine;
import dev.drydock.image.ImageReference;
import dev.drydock.net.AddressNotAllowedException;
import dev.drydock.net.OutboundPolicy;
import dev.drydock.registry.RegistryProfile;
import dev.drydock.image.Platform;
import dev.drydock.registry.RegistryCredential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Builds a Dockerfile with buildah ({@code bud}, daemonless, {@code --isolation chroot}, {@code vfs} storage) and
 * pushes it to every target. Each build has a private directory under the builder's root — its own image storage,
 * the Dockerfile, the secrets and the registry auth file (mode 600) — removed when the build ends, however it ends.
 * A build holds a lock on its directory, so a process that starts after a crash removes what a dead build left
 * ({@link #removeStale()}) and never what a live one uses. Interrupting the building thread kills buildah's whole
 * process tree. A build takes one of the worker's full-build slots (shared with Jib) and may fill at most its
 * {@link DiskCap} of disk.
 */
public class BuildahBuilder implements BuildEngine<BuildahRequest> {

    private static final Logger LOG = Logger.getLogger(BuildahBuilder.class);
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String BASE_NAME = "org.opencontainers.image.base.name";
    static final String BASE_DIGEST = "org.opencontainers.image.base.digest";
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final Path root;
    private final String executable;
    private final OutboundPolicy outbound;
    private final BuildSlots slots;
    private final DiskCap disk;
    private final RegistryProfile profile;

    /**
     * @param root where builds keep their private directories; created when missing
     * @param outbound every address of every registry of a build must be allowed before buildah starts
     */
    public BuildahBuilder(Path root, OutboundPolicy outbound) {
        this(root, outbound, BuildSlots.unlimited(), DiskCap.of(DiskCap.DEFAULT_MAX_BYTES), RegistryProfile.defaults());
    }

    /**
     * @param slots the worker's full-build slots, shared with Jib: a build waits for one before buildah starts
     * @param disk how much disk one build's directory may fill
     * @param profile the configured registry retries: buildah's pulls and pushes retry as often, after as long
     */
    public BuildahBuilder(Path root, OutboundPolicy outbound, BuildSlots slots, DiskCap disk) {
        this(root, outbound, slots, disk, RegistryProfile.defaults());
    }

    public BuildahBuilder(Path root, OutboundPolicy outbound, BuildSlots slots, DiskCap disk, RegistryProfile profile) {
        this(root, "buildah", outbound, slots, disk, profile);
    }

    BuildahBuilder(Path root, String executable, OutboundPolicy outbound, BuildSlots slots, DiskCap disk) {
        this(root, executable, outbound, slots, disk, RegistryProfile.defaults());
    }

    BuildahBuilder(Path root, String executable, OutboundPolicy outbound, BuildSlots slots, DiskCap disk,
            RegistryProfile profile) {
        this.root = root;
        this.executable = executable;
        this.outbound = outbound;
        this.slots = Objects.requireNonNull(slots, "slots");
        this.disk = Objects.requireNonNull(disk, "disk");
        this.profile = Objects.requireNonNull(profile, "profile");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The platform buildah builds here: the worker's own. */
    public static Platform hostPlatform() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return Platform.of("linux", switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        });
    }

    /** Removes the directories of builds whose process is gone (a worker killed mid-build); returns how many. */
    public int removeStale() {
        int removed = 0;
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                try (FileChannel channel = FileChannel.open(lockFile(dir), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
                    if (lock != null) {
                        deleteTree(dir);
                        removed++;
                    }
                } catch (OverlappingFileLockException e) {
                    // a build of this process holds it
                }
                if (!Files.exists(dir)) {
                    Files.deleteIfExists(lockFile(dir));
                }
            }
        } catch (IOException e) {
            LOG.warnf("could not clean %s: %s", root, e.getMessage());
        }
        return removed;
    }

    /** The private directories of builds in progress (or left behind); for tests and health checks. */
    public List<Path> buildDirectories() {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Builds and pushes.
     *
     * @throws BuildException {@code BAD_RECIPE} when the build fails (a RUN exits non-zero, another platform is
     *     asked for), {@code PUSH_FAILED} when a push fails, {@code CANCELED} when interrupted
     */
    @Override
    public Engine engine() {
        return Engine.BUILDAH;
    }

    @Override
    public BuildResult build(BuildahRequest request, BuildLog buildLog) throws BuildException {
        Platform host = hostPlatform();
        for (Platform platform : request.platforms()) {
            if (!platform.os().equals(host.os()) || !platform.architecture().equals(host.architecture())) {
                throw new BuildException(BuildException.Kind.BAD_RECIPE, "buildah builds for this worker's platform "
                        + host + " only, and the task asks for " + platform + ": build it with Jib, or on a worker "
                        + "of that platform");
            }
        }
        checkOutbound(request);
        Map<String, RegistryCredential> auths = credentials(request);
        Set<String> secrets = new HashSet<>(request.secrets().values());
        auths.values().forEach(c -> secrets.add(c.password()));
        StepLog log = new StepLog(buildLog, secrets);
        try (BuildSlots.Slot slot = slots.acquire(log::step)) {
            return build(request, log, auths, host);
        }
    }

    private BuildResult build(BuildahRequest request, StepLog log, Map<String, RegistryCredential> auths,
            Platform host) throws BuildException {
        Path dir = root.resolve("build-" + UUID.randomUUID());
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (FileChannel channel = FileChannel.open(lockFile(dir), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            BuildahFiles files = BuildahFiles.write(dir, request, auths);
            String image = request.targets().get(0).toString();
            boolean docker = request.dockerfile().dockerFormat();
            log.step("buildah: building " + image + " in the " + (docker ? "Docker" : "OCI") + " format"
                    + (docker ? " (HEALTHCHECK, SHELL and ONBUILD are kept only in the Docker format)" : ""));
            run(files, budCommand(files, request, image, docker), log, "the build failed");
            List<String> pushed = new ArrayList<>();
            String digest = null;
            for (ImageReference target : request.targets()) {
                Path digestFile = dir.resolve("digest");
                run(files, List.of("push", "--digestfile", digestFile.toString(), image, "docker://" + target),
                        log, "pushing " + target + " failed");
                digest = Files.readString(digestFile).strip();
                log.step("pushed " + target + " (" + digest + ")");
                pushed.add(target.toString());
            }
            return new BuildResult(digest, docker ? DOCKER_MANIFEST : OCI_MANIFEST, pushed, false,
                    Map.of(host, digest));
        } catch (IOException e) {
            throw new BuildException(BuildException.Kind.PUSH_FAILED, log.redact(e.getMessage()), false, null);
        } finally {
            deleteTree(dir);
            try {
                Files.deleteIfExists(lockFile(dir));
            } catch (IOException e) {
                LOG.warnf("could not remove %s: %s", lockFile(dir), e.getMessage());
            }
        }
    }

    private List<String> budCommand(BuildahFiles files, BuildahRequest request, String image, boolean docker) {
        List<String> command = new ArrayList<>(List.of("bud", "--isolation", "chroot", "--layers=false",
                "--format", docker ? "docker" : "oci", "-f", files.dockerfile().toString(), "-t", image));
        request.dockerfile().target().ifPresent(stage -> command.addAll(List.of("--target", stage)));
        request.buildArgs().forEach((k, v) -> command.addAll(List.of("--build-arg", k + "=" + v)));
        files.secrets().forEach((id, path) -> command.addAll(List.of("--secret", "id=" + id + ",src=" + path)));
        Map<String, String> labels = new LinkedHashMap<>(request.labels());
        request.runtimeBase().ifPresent(base -> {
            labels.putIfAbsent(BASE_DIGEST, base.digest().orElseThrow().toString());
            base.tag().ifPresent(t -> labels.putIfAbsent(BASE_NAME, base.withoutDigest().toString()));
        });
        labels.forEach((k, v) -> command.addAll(List.of("--label", k + "=" + v)));
        if (!docker) {
            // buildah writes the base annotations itself (base.name as name@digest); drydock's are the same as the
            // labels, as Jib builds have them.
            for (String key : List.of(BASE_NAME, BASE_DIGEST)) {
                if (labels.containsKey(key)) {
                    command.addAll(List.of("--annotation", key + "=" + labels.get(key)));
                }
            }
        }
        command.add(request.context().toString());
        return command;
    }

    /** buildah's own retries of a pull or push (bud and push both take them): as many as drydock's registry calls. */
    static List<String> retryFlags(RegistryProfile profile) {
        return List.of("--retry", String.valueOf(Math.max(0, profile.retryPolicy().maxAttempts() - 1)),
                "--retry-delay", profile.retryPolicy().initialBackoff().toMillis() + "ms");
    }

    // Runs one buildah command with the build's storage, streaming its output into the log.
    private void run(BuildahFiles files, List<String> arguments, StepLog log, String failure) throws BuildException {
        List<String> command = new ArrayList<>(List.of(executable, "--root", files.storage().toString(), "--runroot",
                files.runroot().toString(), "--storage-driver", "vfs"));
        command.add(arguments.get(0));
        command.addAll(List.of("--authfile", files.authfile().toString()));
        command.addAll(retryFlags(profile));
        command.addAll(arguments.subList(1, arguments.size()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(files.dir().toFile());
        Map<String, String> env = builder.environment();
        env.put("CONTAINERS_REGISTRIES_CONF", files.registriesConf().toString());
        env.put("REGISTRY_AUTH_FILE", files.authfile().toString());
        env.put("HOME", files.dir().toString());
        env.put("XDG_RUNTIME_DIR", files.runroot().toString());
        env.put("BUILDAH_ISOLATION", "chroot");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new BuildException(BuildException.Kind.BAD_RECIPE, "buildah could not be started (is it installed?): "
                    + e.getMessage());
        }
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    log.step("buildah: " + line);
                }
            } catch (IOException e) {
                // the process was killed
            }
        }, "buildah-output");
        reader.setDaemon(true);
        reader.start();
        int exit;
        try {
            exit = waitWatchingDisk(process, files.dir());
            reader.join();
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new BuildException(BuildException.Kind.CANCELED, "the build was canceled; buildah was stopped",
                    false, e);
        }
        if (exit != 0) {
            throw new BuildException(arguments.get(0).equals("push") ? BuildException.Kind.PUSH_FAILED
                    : BuildException.Kind.BAD_RECIPE, failure + ": buildah exited with " + exit + " (see the log)");
        }
    }

    // Waits for buildah, measuring the build's directory meanwhile and once more at the end.
    private int waitWatchingDisk(Process process, Path dir) throws InterruptedException, BuildException {
        boolean exited = false;
        while (true) {
            long used = DiskCap.usage(dir);
            if (used > disk.maxBytes()) {
                killTree(process);
                throw new BuildException(BuildException.Kind.BAD_RECIPE, disk.exceeded(used));
            }
            if (exited) {
                return process.exitValue();
            }
            exited = process.waitFor(disk.interval().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** Kills buildah and everything it started, children first seen, and waits until they are gone. */
    static void killTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        // Children started while we were killing: once more.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        for (ProcessHandle handle : tree) {
            while (handle.isAlive() && System.nanoTime() < deadline) {
                handle.onExit().completeOnTimeout(handle, 100, java.util.concurrent.TimeUnit.MILLISECONDS).join();
            }
        }
    }

    /**
     * buildah connects on its own, so drydock checks each registry's addresses first; all of them must be allowed,
     * since buildah may pick any. (A name that resolves differently a moment later is not covered.)
     */
    private void checkOutbound(BuildahRequest request) throws BuildException {
        Set<String> registries = new LinkedHashSet<>();
        request.pulled().forEach(r -> registries.add(r.registry()));
        request.targets().forEach(r -> registries.add(r.registry()));
        for (String registry : registries) {
            String host = URI.create("http://" + registry).getHost();
            try {
                for (InetAddress address : InetAddress.getAllByName(host)) {
                    outbound.check(address, host);
                }
            } catch (AddressNotAllowedException e) {
                throw new BuildException(BuildException.Kind.BAD_RECIPE, "the build needs the registry " + registry
                        + ", which the outbound policy does not allow: " + e.getMessage());
            } catch (IOException e) {
                throw new BuildException(BuildException.Kind.PUSH_FAILED, "the registry " + registry
                        + " does not resolve: " + e.getMessage(), true, e);
            }
        }
    }

    private static Map<String, RegistryCredential> credentials(BuildahRequest request) {
        Set<String> registries = new LinkedHashSet<>();
        request.pulled().forEach(r -> registries.add(r.registry()));
        request.targets().forEach(r -> registries.add(r.registry()));
        Map<String, RegistryCredential> auths = new LinkedHashMap<>();
        for (String registry : registries) {
            request.credentials().forRegistry(registry).ifPresent(c -> auths.put(registry, c));
        }
        return auths;
    }

    private static Path lockFile(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".lock");
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                path.toFile().setWritable(true);
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warnf("could not remove %s: %s", dir, e.getMessage());
        }
    }

    static String basicAuth(RegistryCredential credential) {
        return Base64.getEncoder().encodeToString((credential.username() + ":" + credential.password())
                .getBytes(StandardCharsets.UTF_8));
    }
}
