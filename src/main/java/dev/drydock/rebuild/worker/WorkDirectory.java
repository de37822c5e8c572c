package dev.drydock.rebuild.worker;

import dev.drydock.rebuild.engine.BuildSlots;
import dev.drydock.rebuild.engine.BuildahBuilder;
import dev.drydock.rebuild.engine.DiskCap;
import dev.drydock.rebuild.engine.ImageRebaser;
import dev.drydock.rebuild.engine.JibImageBuilder;
import dev.drydock.rebuild.engine.OnBuildTriggers;
import dev.drydock.registry.RegistryClient;
import dev.drydock.source.GitUrlPolicy;
import dev.drydock.source.SourceCheckout;
import dev.drydock.source.SourceConfig;
import dev.drydock.source.SourceLimits;
import dev.drydock.net.OutboundPolicy;
import dev.drydock.registry.RegistryProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where builds keep their files: checkouts, Jib's layer cache and the git mirrors. One set of mirrors serves both
 * the analysis at registration and the builds, so a build finds the commit already fetched.
 */
@ApplicationScoped
public class WorkDirectory {

    private final Path root;
    private final boolean rebase;
    private final SourceConfig sources;
    private final BuildSlots fullBuilds;
    private final DiskCap buildahDisk;

    WorkDirectory(WorkerConfig config, SourceConfig sources) {
        rebase = config.rebase();
        // One set of slots for both engines: a buildah build and a full Jib build each take one.
        fullBuilds = new BuildSlots(config.fullBuilds());
        buildahDisk = DiskCap.of(config.buildah().maxDisk().asLongValue());
        this.sources = sources;
        try {
            root = config.workDir().isPresent() ? Files.createDirectories(config.workDir().get())
                    : Files.createTempDirectory("drydock-builds-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the build work directory", e);
        }
    }

    /** Where each run's source is checked out (one fresh directory per run below it). */
    Path runs() {
        return root.resolve("runs");
    }

    @Produces
    @Singleton
    SourceCheckout sourceCheckout(OutboundPolicy outbound) throws IOException {
        return new SourceCheckout(Files.createDirectories(root.resolve("git-mirrors")), SourceLimits.of(sources),
                new GitUrlPolicy(sources.allowInsecureUrls()), outbound);
    }

    @Produces
    @Singleton
    JibImageBuilder jibImageBuilder(OutboundPolicy outbound, RegistryProfile profile) throws IOException {
        JibImageBuilder.applyTimeout(profile);
        return new JibImageBuilder(Files.createDirectories(root.resolve("jib-cache")), rebase, fullBuilds, outbound,
                profile);
    }

    /** buildah's per-build directories; what a killed worker left there is removed when the worker starts. */
    @Produces
    @Singleton
    BuildahBuilder buildahBuilder(OutboundPolicy outbound, RegistryProfile profile) {
        BuildahBuilder builder = new BuildahBuilder(root.resolve("buildah"), outbound, fullBuilds, buildahDisk,
                profile);
        int stale = builder.removeStale();
        if (stale > 0) {
            org.jboss.logging.Logger.getLogger(WorkDirectory.class).infof("removed %d buildah build directories "
                    + "left by a stopped worker", stale);
        }
        return builder;
    }

    @Produces
    @Singleton
    OnBuildTriggers onBuildTriggers(RegistryClient registry) {
        return new OnBuildTriggers(registry);
    }

    @Produces
    @Singleton
    ImageRebaser imageRebaser(OutboundPolicy outbound, RegistryProfile profile) {
        return new ImageRebaser(outbound, profile);
    }
}
