package dev.drydock.rebuild.engine;

import dev.drydock.graph.buildfile.Engine;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import dev.drydock.concurrent.DaemonThreads;
import dev.drydock.graph.buildfile.ImageRecipe;
import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import dev.drydock.net.AddressNotAllowedException;
import dev.drydock.net.OutboundPolicy;
import dev.drydock.registry.Descriptor;
import dev.drydock.registry.Manifest;
import dev.drydock.registry.ManifestIndex;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryProfile;
import dev.drydock.registry.RegistryException;
import dev.drydock.registry.http.Http1Client;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds a {@link BuildRequest} with Jib core and pushes it to every target: FROM the base by its pinned
 * digest, layers from the build context, the recipe's configuration, reproducible (a fixed creation
 * time, so an unchanged rebuild has the same digest). Thread-safe: builds share only the layer caches and
 * the HTTP client.
 *
 * <p>The build runs on the calling thread, with Jib's steps on a cached pool of its own (never a small
 * fixed one: Jib can deadlock on it). Interrupting the calling thread, e.g. by
 * {@code Future.cancel(true)}, stops the pool and ends the build with {@link BuildException.Kind#CANCELED}.
 */
public final class JibImageBuilder implements BuildEngine<BuildRequest> {

    /** Label: the base as written, tag and all. */
    public static final String BASE_NAME = "org.opencontainers.image.base.name";
    /** Label: the digest of the base the image was built on. */
    public static final String BASE_DIGEST = "org.opencontainers.image.base.digest";

    private final JibPush push;
    private final Http1Client http;
    private final OutboundPolicy outbound;
    private final boolean rebase;
    private final ImageCache<BaseImage> bases = new ImageCache<>(256);
    private final ImageCache<Rebase.HeldImage> pushed = new ImageCache<>(256);
    private final BlobCopy blobs = new BlobCopy();
    private final ExecutorService registryCalls = Executors.newCachedThreadPool(DaemonThreads.named("drydock-rebase"));
    /** Full Jib builds are CPU-bound: they take a slot (shared with buildah builds); rebases do not. */
    private final BuildSlots fullBuilds;
    private final RegistryProfile profile;

    /**
     * @param cacheDirectory where Jib keeps base layers it pulled and the application layers it built, shared
     *     by concurrent builds (Jib's cache is safe for that)
     */
    public JibImageBuilder(Path cacheDirectory) {
        this(cacheDirectory, true);
    }

    /**
     * @param rebase whether a build whose only new input is the base may swap the base under the image the target
     *     holds instead of running Jib (same result, see {@link Rebase}); false always runs Jib
     */
    public JibImageBuilder(Path cacheDirectory, boolean rebase) {
        this(cacheDirectory, rebase, Integer.MAX_VALUE);
    }

    /** @param fullBuilds how many full Jib builds may run at once (rebases are not counted); more wait for a slot */
    public JibImageBuilder(Path cacheDirectory, boolean rebase, int fullBuilds) {
        this(cacheDirectory, rebase, fullBuilds, OutboundPolicy.defaults());
    }

    /** @param outbound which addresses the build's registries may resolve to */
    public JibImageBuilder(Path cacheDirectory, boolean rebase, int fullBuilds, OutboundPolicy outbound) {
        this(cacheDirectory, rebase, new BuildSlots(fullBuilds), outbound, RegistryProfile.defaults());
    }

    /**
     * @param fullBuilds the worker's full-build slots, which buildah builds take too
     * @param profile the configured registry settings, retries and circuit breaker, for drydock's own calls of the
     *     build; Jib's connections take the profile's default timeout ({@link #applyTimeout})
     */
    public JibImageBuilder(Path cacheDirectory, boolean rebase, BuildSlots fullBuilds, OutboundPolicy outbound,
            RegistryProfile profile) {
        this.push = new JibPush(Objects.requireNonNull(cacheDirectory, "cacheDirectory"));
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.http = new Http1Client(Duration.ofSeconds(10), outbound);
        this.rebase = rebase;
        this.fullBuilds = Objects.requireNonNull(fullBuilds, "fullBuilds");
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /**
     * Jib reads one HTTP timeout for every registry, process-wide, from a system property: the profile's default
     * timeout. A registry's own {@code drydock.registry.hosts.*.timeout} applies to drydock's calls only.
     */
    public static void applyTimeout(RegistryProfile profile) {
        System.setProperty("jib.httpTimeout", String.valueOf(profile.defaultTimeout().toMillis()));
    }

    @Override
    public Engine engine() {
        return Engine.JIB;
    }

    @Override
    public BuildResult build(BuildRequest request, BuildLog log) throws BuildException {
        requireAllowedRegistries(request);
        RegistryAccess access = new RegistryAccess(request);
        StepLog out = new StepLog(log, access.secrets());
        checkCanceled();
        List<Platform> platforms = platforms(request);
        if (platforms.size() > 1 && request.recipe().format().filter(ImageRecipe.Format.OCI::equals).isPresent()) {
            throw BuildException.badRecipe("Jib core cannot push an OCI image index, so an OCI image cannot be built "
                    + "for " + platforms.size() + " platforms: use the Docker format (a manifest list) or one platform");
        }
        RegistryClient registry = access.client(http, profile);

        BaseImage base = BaseImage.SCRATCH;
        if (request.pinnedBase().isPresent()) {
            base = inspect(registry, access, request.pinnedBase().get(), platforms);
        } else if (request.recipe().base().isPresent()) {
            throw BuildException.badRecipe("the recipe builds FROM " + request.recipe().base().get()
                    + ", but no pinned digest of it was given");
        }
        out.step("base " + base.describe() + ", platforms " + platforms);

        ContextSources sources = new ContextSources(request.context());
        List<FileEntriesLayer> layers = new LayerPlanner(sources, base.environment(), base.workingDirectory())
                .plan(request.recipe().layers(), out);
        checkCanceled();

        Instant created = request.creationTime().or(() -> request.recipe().creationTime()).orElse(Instant.EPOCH);
        Map<String, String> labels = labels(request);
        Map<String, String> inputLabels = new LinkedHashMap<>(labels);
        inputLabels.remove(BASE_DIGEST);
        String inputs = BuildInputs.digest(request.recipe(), layers, inputLabels, platforms, created);
        labels.put(BuildInputs.LABEL, inputs);

        ImageReference first = request.targets().get(0);
        Optional<Digest> before = current(registry, first);
        if (rebase && request.pinnedBase().isPresent()) {
            try {
                Rebase.BaseReader previous = ref -> inspect(registry, access, ref, platforms);
                BuildResult result = new Rebase(registry, request, base, platforms, inputs, labels.keySet(), created,
                        previous, pushed, blobs)
                        .push(before, out, registryCalls);
                out.step("pushed " + result.digest() + " (" + result.mediaType() + ") to " + result.pushedTags());
                return result;
            } catch (Rebase.NotPossible e) {
                out.step("full build with Jib: " + e.getMessage());
            }
        }
        checkCanceled();

        JibContainerBuilder jib = base.reference().map(ref -> Jib.from(access.jibImage(ref)))
                .orElseGet(Jib::fromScratch);
        jib.setFileEntriesLayers(layers);
        ContainerPlan.apply(jib, request.recipe(), base, labels, created, platforms);
        String digest;
        try (BuildSlots.Slot slot = fullBuilds.acquire(out::step)) {
            digest = push.push(jib, request, access, out);
        }
        BuildResult result = describe(registry, first, digest, request, platforms, before);
        out.step((result.unchanged() ? "unchanged: " + first + " already held " : "pushed ")
                + result.digest() + " (" + result.mediaType() + ") to " + result.pushedTags());
        return result;
    }

    /** The pinned base, read once per digest, platforms and reader. */
    /**
     * Jib opens its own connections, out of reach of drydock's client, which checks each address it connects to:
     * so every registry of the build must resolve to an allowed address before Jib is handed the build.
     */
    private void requireAllowedRegistries(BuildRequest request) throws BuildException {
        for (String registry : request.registries()) {
            String host = hostOf(registry);
            try {
                outbound.allowedAddresses(host);
            } catch (AddressNotAllowedException e) {
                throw new BuildException(BuildException.Kind.PUSH_FAILED, "registry " + registry + ": " + e.getMessage(),
                        false, null);
            } catch (UnknownHostException e) {
                // the registry client reports it as unreachable
            }
        }
    }

    /** The host of {@code host[:port]} or {@code [v6]:port}; Docker Hub as the host Jib connects to. */
    static String hostOf(String registry) {
        if (registry.equals(ImageReference.DOCKER_HUB)) {
            return "registry-1.docker.io";
        }
        if (registry.startsWith("[")) {
            return registry.substring(1, registry.indexOf(']'));
        }
        int colon = registry.indexOf(':');
        return colon < 0 ? registry : registry.substring(0, colon);
    }

    private BaseImage inspect(RegistryClient registry, RegistryAccess access, ImageReference pinned,
            List<Platform> platforms) throws BuildException {
        String key = pinned + " " + platforms + " " + access.readerOf(pinned.registry());
        Optional<BaseImage> cached = bases.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        BaseImage base = BaseImage.inspect(registry, pinned, platforms);
        bases.put(key, base);
        return base;
    }

    private static List<Platform> platforms(BuildRequest request) {
        if (!request.platforms().isEmpty()) {
            return request.platforms();
        }
        return request.recipe().platforms().isEmpty() ? List.of(Platform.of("linux", "amd64"))
                : request.recipe().platforms();
    }

    /** The recipe's labels are overridden by the request's; the base ones default to the pinned base. */
    private static Map<String, String> labels(BuildRequest request) {
        Map<String, String> labels = new LinkedHashMap<>();
        request.pinnedBase().ifPresent(base -> {
            if (base.tag().isPresent()) {
                labels.put(BASE_NAME, base.withoutDigest().toString());
            }
            labels.put(BASE_DIGEST, base.digest().orElseThrow().toString());
        });
        labels.putAll(request.annotations());
        return labels;
    }

    private Optional<Digest> current(RegistryClient registry, ImageReference target) throws BuildException {
        try {
            return registry.headManifest(target).map(Descriptor::digest);
        } catch (RegistryException e) {
            throw Failures.fromRegistry(e, "cannot read what " + target + " holds now");
        }
    }

    private static BuildResult describe(RegistryClient registry, ImageReference first, String digest,
            BuildRequest request, List<Platform> platforms, Optional<Digest> before) throws BuildException {
        Digest pushed = Digest.parse(digest);
        try {
            Manifest manifest = registry.getManifest(first.withDigest(pushed)).orElseThrow(() -> new BuildException(
                    BuildException.Kind.PUSH_FAILED, "Jib reported " + digest + ", but " + first.name()
                            + " does not have it", true, null));
            Map<Platform, String> platformDigests = new LinkedHashMap<>();
            if (manifest.isIndex()) {
                for (ManifestIndex.Entry entry : manifest.index().entries()) {
                    entry.platform().ifPresent(p -> platformDigests.put(p, entry.descriptor().digest().toString()));
                }
            } else {
                platformDigests.put(platforms.get(0), digest);
            }
            List<String> tags = request.targets().stream().map(ImageReference::toString).toList();
            return new BuildResult(digest, manifest.mediaType(), tags, before.filter(pushed::equals).isPresent(),
                    platformDigests);
        } catch (RegistryException e) {
            throw Failures.fromRegistry(e, "cannot read the pushed image " + first.name() + "@" + digest);
        }
    }

    private static void checkCanceled() throws BuildException {
        if (Thread.currentThread().isInterrupted()) {
            throw BuildException.canceled();
        }
    }
}
