package dev.drydock.rebuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.drydock.graph.buildfile.BuildahDockerfile;
import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import dev.drydock.net.OutboundPolicy;
import dev.drydock.registry.CredentialLookup;
import dev.drydock.image.Digest;
import dev.drydock.testing.BusyboxImage;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildahBuilderTest {

    private static final Duration BUILD_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path root;

    @TempDir
    Path context;

    @Test
    void shouldRemoveWhatADeadBuildLeftButNotWhatALiveOneUses() throws Exception {
        Path dead = Files.createDirectories(root.resolve("build-dead/storage/vfs"));
        Files.writeString(dead.resolve("layer"), "x");
        Files.createFile(root.resolve("build-dead.lock"));
        Path live = Files.createDirectories(root.resolve("build-live/storage"));
        try (FileChannel channel = FileChannel.open(root.resolve("build-live.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            BuildahBuilder builder = new BuildahBuilder(root, OutboundPolicy.defaults().withLoopback(true));

            assertThat(builder.removeStale()).isEqualTo(1);
            assertThat(builder.buildDirectories()).containsExactly(root.resolve("build-live"));
            assertThat(root.resolve("build-dead.lock")).doesNotExist();
            assertThat(live).exists();
        }
    }

    @Test
    void shouldRefuseAnotherPlatformThanTheWorkersBeforeStartingAnything() {
        Platform other = BuildahBuilder.hostPlatform().architecture().equals("arm64")
                ? Platform.of("linux", "amd64") : Platform.of("linux", "arm64");
        BuildahRequest request = new BuildahRequest(BuildahDockerfile.rewrite("FROM scratch\n", Map.of()), root,
                Optional.empty(), List.of(), List.of(ImageReference.parse("127.0.0.1:1/app:1")), List.of(other),
                Map.of(), Map.of(), Map.of(), CredentialLookup.anonymous(), Set.of());

        BuildException e = catchThrowableOfType(BuildException.class, () ->
                new BuildahBuilder(root, OutboundPolicy.defaults()).build(request, BuildLog.discard()));

        assertThat(e.kind()).isEqualTo(BuildException.Kind.BAD_RECIPE);
        assertThat(e.getMessage()).contains("buildah builds for this worker's platform " + BuildahBuilder.hostPlatform()
                + " only, and the task asks for " + other);
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void shouldRefuseARegistryTheOutboundPolicyDenies() {
        BuildahRequest request = new BuildahRequest(BuildahDockerfile.rewrite("FROM scratch\n", Map.of()), root,
                Optional.empty(), List.of(), List.of(ImageReference.parse("169.254.169.254:80/app:1")), List.of(),
                Map.of(), Map.of(), Map.of(), CredentialLookup.anonymous(), Set.of());

        BuildException e = catchThrowableOfType(BuildException.class, () ->
                new BuildahBuilder(root, OutboundPolicy.defaults()).build(request, BuildLog.discard()));

        assertThat(e.getMessage()).contains("which the outbound policy does not allow");
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void shouldWaitForAFullBuildSlotHeldByAnotherBuildBeforeStartingBuildah() throws Exception {
        BuildSlots slots = new BuildSlots(1);
        BuildahBuilder builder = new BuildahBuilder(root, OutboundPolicy.defaults().withLoopback(true), slots,
                DiskCap.of(DiskCap.DEFAULT_MAX_BYTES));
        BuildahRequest request = request("FROM %s\nRUN echo slot > /slot\n", "slot");
        BuildSlots.Slot held = slots.acquire(BuildLog.discard());
        CountDownLatch waiting = new CountDownLatch(1);
        List<String> log = new CopyOnWriteArrayList<>();
        CompletableFuture<BuildResult> build = CompletableFuture.supplyAsync(() -> {
            try {
                return builder.build(request, message -> {
                    log.add(message);
                    if (message.startsWith("waiting for a full-build slot")) {
                        waiting.countDown();
                    }
                });
            } catch (BuildException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(waiting.await(30, TimeUnit.SECONDS)).as("the build waits for the slot").isTrue();
        assertThat(builder.buildDirectories()).as("buildah has not started: no build directory").isEmpty();
        assertThat(log).noneMatch(m -> m.startsWith("buildah:"));
        held.close();

        BuildResult result = build.get(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.digest()).startsWith("sha256:");
        assertThat(log).anyMatch(m -> m.contains("RUN echo slot > /slot"));
        assertThat(slots.waiting()).isZero();
    }

    @Test
    void shouldStopABuildThatFillsMoreDiskThanItsCapAndRemoveItsStorage() {
        BuildahBuilder builder = new BuildahBuilder(root, OutboundPolicy.defaults().withLoopback(true),
                BuildSlots.unlimited(), new DiskCap(16L << 20, Duration.ofMillis(200)));
        // Fills 32 MiB, then would run for ten minutes: only the watch can end it in time.
        BuildahRequest request = request("FROM %s\nRUN busybox dd if=/dev/zero of=/big bs=1048576 count=32"
                + " && sleep 600\n", "disk");

        BuildException e = assertTimeoutPreemptively(BUILD_TIMEOUT,
                () -> catchThrowableOfType(BuildException.class, () -> builder.build(request, BuildLog.discard())));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(BuildException.Kind.BAD_RECIPE);
        assertThat(e.getMessage()).startsWith("the build used ")
                .contains("more than its limit of 16.0 MiB (drydock.worker.buildah.max-disk)");
        assertThat(builder.buildDirectories()).as("the build's storage is removed").isEmpty();
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("sleep 600"))).isEmpty();
    }

    private BuildahRequest request(String dockerfile, String name) {
        String reference = BuildRegistries.upstream() + "/bases/busybox-" + name + "-" + UUID.randomUUID() + ":1";
        ImageReference base = ImageReference.parse(reference)
                .withDigest(Digest.parse(BusyboxImage.push(reference).digest()));
        ImageReference target = ImageReference.parse(BuildRegistries.privateRegistry() + "/team/" + name + ":1");
        return new BuildahRequest(BuildahDockerfile.rewrite(dockerfile.formatted(reference), Map.of(0, base)), context,
                Optional.of(base), List.of(base), List.of(target), List.of(), Map.of(), Map.of(), Map.of(),
                CredentialLookup.anonymous(), BuildRegistries.plainHttp());
    }
}
