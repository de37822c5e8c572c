package dev.drydock.rebuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.graph.buildfile.BuildahDockerfile;
import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import dev.drydock.net.OutboundPolicy;
import dev.drydock.registry.CredentialLookup;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildahBuilderTest {

    @TempDir
    Path root;

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
}
