package dev.drydock.rebuild.engine;

import dev.drydock.graph.buildfile.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.BaseAnnotations;
import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.image.MediaTypes;
import dev.drydock.image.Platform;
import dev.drydock.net.OutboundPolicy;
import dev.drydock.registry.CredentialLookup;
import dev.drydock.registry.Descriptor;
import dev.drydock.registry.Manifest;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryProfile;
import dev.drydock.registry.RegistryException;
import dev.drydock.registry.http.Http1Client;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rebases an image built elsewhere (the {@code crane rebase} model): reads the image CI pushed and the base it states
 * in its {@code org.opencontainers.image.base.digest} annotation or label (the current base when it states none),
 * decides with {@link ImageRebase}, then makes every blob present in each target repository and pushes the new
 * config and manifest. Nothing is built and no layer is unpacked.
 */
public final class ImageRebaser implements BuildEngine<ImageRebaser.Request> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Http1Client http;
    private final RegistryProfile profile;
    private final BlobCopy blobs = new BlobCopy();

    public ImageRebaser(OutboundPolicy outbound) {
        this(outbound, RegistryProfile.defaults());
    }

    /** @param profile the configured registry settings, retries and circuit breaker */
    public ImageRebaser(OutboundPolicy outbound, RegistryProfile profile) {
        this.http = new Http1Client(Duration.ofSeconds(10), outbound);
        this.profile = profile;
    }

    /**
     * @param image the image CI pushed, pinned by digest (its tag, if any, only names it)
     * @param base its base, pinned to the digest to rebase onto (its tag goes into the base-name annotation)
     * @param targets tags to push to
     * @param plainHttpRegistries registries spoken to over plain HTTP
     */
    public record Request(ImageReference image, ImageReference base, List<ImageReference> targets,
            CredentialLookup credentials, Set<String> plainHttpRegistries) {

        public Request {
            if (image.digest().isEmpty() || base.digest().isEmpty()) {
                throw new IllegalArgumentException("the image and the base must be pinned by digest");
            }
            targets = List.copyOf(targets);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("a rebase needs at least one target");
            }
            plainHttpRegistries = Set.copyOf(plainHttpRegistries);
        }

        Set<String> registries() {
            Set<String> registries = new LinkedHashSet<>(List.of(base.registry(), image.registry()));
            targets.forEach(t -> registries.add(t.registry()));
            return registries;
        }
    }

    @Override
    public Engine engine() {
        return Engine.REBASE;
    }

    @Override
    public BuildResult build(Request request, BuildLog log) throws BuildException {
        RegistryAccess access = new RegistryAccess(request.registries(), request.credentials(),
                request.plainHttpRegistries());
        StepLog out = new StepLog(log, access.secrets());
        RegistryClient registry = access.client(http, profile);
        ImageReference imageRef = request.image();
        ImageRebase.Image image = read(registry, imageRef);
        Platform platform = platformOf(image.config());
        BaseAnnotations.StatedBase stated = BaseAnnotations.of(image.manifest(), image.config());
        ImageReference newBaseRef = request.base();
        ImageReference oldBaseRef = stated.digest().isPresent()
                ? newBaseRef.withDigest(parseDigest(stated.digest().get(), imageRef)) : newBaseRef;
        out.step("image " + imageRef + " states its base as " + stated.name().orElse("(no name)") + "@"
                + stated.digest().orElse("(no digest: taken to be the current base)"));

        BaseImage newBase = BaseImage.inspect(registry, newBaseRef, List.of(platform));
        BaseImage oldBase;
        try {
            oldBase = oldBaseRef.equals(newBaseRef) ? newBase : BaseImage.inspect(registry, oldBaseRef, List.of(platform));
        } catch (BuildException e) {
            throw new BuildException(BuildException.Kind.BAD_RECIPE, "the image " + imageRef + " was built on "
                    + oldBaseRef + " (as its annotations record it), which cannot be read: " + e.getMessage(),
                    e.temporary(), e);
        }
        String newDigest = newBaseRef.digest().orElseThrow().toString();
        Map<String, String> baseKeys = new LinkedHashMap<>();
        newBaseRef.tag().ifPresent(tag -> baseKeys.put(BaseAnnotations.BASE_NAME, newBaseRef.withoutDigest().toString()));
        baseKeys.put(BaseAnnotations.BASE_DIGEST, newDigest);
        ImageRebase.Result result;
        try {
            result = ImageRebase.rebase(ImageRebase.Image.of(oldBase.manifest(), oldBase.configFile()),
                    ImageRebase.Image.of(newBase.manifest(), newBase.configFile()), image, baseKeys, baseKeys);
        } catch (ImageRebase.RebaseRefused e) {
            throw BuildException.badRecipe("cannot rebase " + imageRef + " onto " + newBaseRef.name() + "@" + newDigest
                    + ": " + e.getMessage() + "; the base it was checked against is " + oldBaseRef.name() + "@"
                    + oldBaseRef.digest().orElseThrow()
                    + (stated.digest().isPresent() ? ", the base digest the image's annotations record"
                            : ", the current base (the image records no base digest)"));
        }
        return push(registry, request, result, oldBaseRef, out);
    }

    private BuildResult push(RegistryClient registry, Request request, ImageRebase.Result result, ImageReference oldBase,
            StepLog out) throws BuildException {
        ImageReference first = request.targets().get(0);
        try {
            Optional<Digest> before = registry.headManifest(first).map(Descriptor::digest);
            Set<String> newBaseLayers = new LinkedHashSet<>();
            result.newBaseLayers().forEach(l -> newBaseLayers.add(l.path("digest").asText()));
            Set<String> repositories = new LinkedHashSet<>();
            String mediaType = result.manifest().path("mediaType").asText();
            byte[] manifest = JSON.writeValueAsBytes(result.manifest());
            Digest digest = null;
            for (ImageReference target : request.targets()) {
                if (repositories.add(target.name())) {
                    for (JsonNode layer : result.manifest().path("layers")) {
                        String layerDigest = layer.path("digest").asText();
                        ImageReference from = newBaseLayers.contains(layerDigest) ? request.base() : request.image();
                        blobs.ensure(registry, from, target, Digest.parse(layerDigest));
                    }
                    registry.pushBlob(target, result.config());
                }
                digest = registry.putManifest(target, manifest, mediaType);
            }
            out.step("rebased " + request.image() + " from " + oldBase.name() + "@" + oldBase.digest().orElseThrow()
                    + " onto " + request.base() + ": " + result.appLayers() + " layer(s) of the image kept, "
                    + result.newBaseLayers().size() + " base layer(s)");
            List<String> tags = request.targets().stream().map(ImageReference::toString).toList();
            Digest pushed = digest;
            return new BuildResult(pushed.toString(), mediaType, tags, before.filter(pushed::equals).isPresent(),
                    Map.of(platformOf(JSON.readTree(result.config())), pushed.toString()));
        } catch (RegistryException e) {
            throw Failures.fromRegistry(e, "cannot push the rebased image to " + first.name());
        } catch (IOException e) {
            throw new IllegalStateException("a manifest tree cannot be written as JSON", e);
        }
    }

    private static ImageRebase.Image read(RegistryClient registry, ImageReference ref) throws BuildException {
        try {
            Manifest manifest = registry.getManifest(ref).orElseThrow(() -> new BuildException(
                    BuildException.Kind.BASE_MISSING, "the image " + ref + " does not exist in its registry"));
            if (!MediaTypes.isImageManifest(manifest.mediaType())) {
                throw BuildException.badRecipe("the image " + ref + " is " + manifest.mediaType()
                        + "; a rebase task rebases single-platform image manifests only");
            }
            JsonNode manifestJson = JSON.readTree(manifest.content());
            Digest config = Digest.parse(manifestJson.path("config").path("digest").asText());
            byte[] configBytes = registry.getBlob(ref, config).orElseThrow(() -> new BuildException(
                    BuildException.Kind.BASE_MISSING, "the configuration of the image " + ref + " is missing"));
            return ImageRebase.Image.of(manifestJson, JSON.readTree(configBytes));
        } catch (RegistryException e) {
            throw Failures.fromRegistry(e, "cannot read the image " + ref);
        } catch (IOException | IllegalArgumentException | ImageRebase.RebaseRefused e) {
            throw BuildException.badRecipe("the image " + ref + " is not an image drydock can read: " + e.getMessage());
        }
    }

    private static Platform platformOf(JsonNode config) {
        String os = config.path("os").asText("linux");
        String architecture = config.path("architecture").asText("amd64");
        String variant = config.path("variant").asText("");
        return variant.isEmpty() ? Platform.of(os, architecture) : Platform.of(os, architecture, variant);
    }

    private static Digest parseDigest(String digest, ImageReference image) throws BuildException {
        try {
            return Digest.parse(digest);
        } catch (IllegalArgumentException e) {
            throw BuildException.badRecipe("the image " + image + " records a base digest that is not a digest: "
                    + digest);
        }
    }
}
