package dev.drydock.rebuild.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.image.MediaTypes;
import dev.drydock.image.Platform;
import dev.drydock.registry.Manifest;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The fast path of a rebuild whose only new input is the base: the image the target holds was built by drydock
 * from the same inputs ({@link BuildInputs}) on the previous base, and the new base's configuration equals the
 * old one's apart from its layers and history. Then the image Jib would build is the held one with the base's
 * layers, diff ids and history swapped and the base-digest label changed, so that is what is written: new base
 * blobs copied (or mounted), a new config and manifest pushed, nothing pulled or rebuilt. The result is the
 * same digest a full Jib build gives ({@code RebaseTest} builds both ways and compares).
 *
 * <p>Anything unexpected answers "not possible" with the reason, and the build goes through Jib.
 */
final class Rebase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> GZIP_LAYERS = ImageRebase.GZIP_LAYERS;
    /** Base layers larger than this are left to Jib; drydock's client streams them through a temporary file. */
    static final long MAX_COPIED_LAYER = ImageRebase.MAX_LAYER_BYTES;

    /** Why the fast path does not apply; the build then runs Jib. */
    static final class NotPossible extends Exception {
        NotPossible(String reason) {
            super(reason, null, false, false);
        }
    }

    private final RegistryClient registry;
    private final BuildRequest request;
    private final BaseImage base;
    private final List<Platform> platforms;
    private final String inputs;
    private final Set<String> ownLabels;
    private final Instant created;
    private final BaseReader previousBase;
    private final ImageCache<HeldImage> pushed;
    private final BlobCopy blobs;

    /** Reads a base by its pinned reference (the caller may answer from a cache). */
    interface BaseReader {
        BaseImage read(ImageReference pinned) throws BuildException;
    }

    /** An image's manifest and config as pushed, so the next rebase of it need not read them back. */
    record HeldImage(byte[] manifest, byte[] config) {}

    /**
     * @param ownLabels the labels the build sets itself; a base's values for them never reach the image (Jib lets
     *     the build's labels win), so bases that differ only there still rebase — an image drydock built is a base
     *     whose base-digest label changes with every rebuild, and its dependents rebase all the same
     */
    Rebase(RegistryClient registry, BuildRequest request, BaseImage base, List<Platform> platforms, String inputs,
            Set<String> ownLabels, Instant created, BaseReader previousBase, ImageCache<HeldImage> pushed,
            BlobCopy blobs) {
        this.blobs = blobs;
        this.ownLabels = Set.copyOf(ownLabels);
        this.previousBase = previousBase;
        this.pushed = pushed;
        this.registry = registry;
        this.request = request;
        this.base = base;
        this.platforms = platforms;
        this.inputs = inputs;
        this.created = created;
    }

    /**
     * Pushes the rebased image to every target. The new base's layers are copied while the held image is still
     * being checked: if the check says no, Jib needs those blobs in the target all the same.
     */
    BuildResult push(Optional<Digest> held, StepLog out, Executor executor) throws NotPossible, BuildException {
        checkShape(held);
        ImageReference target = request.targets().get(0);
        Set<String> inHeldImage = new HashSet<>();
        pushed.get(target.name() + "@" + held.orElseThrow()).ifPresent(image -> {
            try {
                JSON.readTree(image.manifest()).path("layers").forEach(l -> inHeldImage.add(l.path("digest").asText()));
            } catch (IOException e) {
                // then every layer is looked up
            }
        });
        List<CompletableFuture<BlobCopy.Outcome>> copies = new ArrayList<>();
        for (JsonNode layer : list(base.manifest().path("layers"))) {
            if (inHeldImage.contains(layer.path("digest").asText())) {
                copies.add(CompletableFuture.completedFuture(BlobCopy.Outcome.PRESENT));
            } else if (GZIP_LAYERS.contains(layer.path("mediaType").asText())
                    && layer.path("size").asLong() <= MAX_COPIED_LAYER) {
                copies.add(CompletableFuture.supplyAsync(() -> copy(layer, target), executor));
            }
        }
        Plan plan = plan(held);
        try {
            CompletableFuture<Digest> config = CompletableFuture.supplyAsync(
                    () -> registry.pushBlob(target, plan.config()), executor);
            Map<BlobCopy.Outcome, Integer> counts = new EnumMap<>(BlobCopy.Outcome.class);
            for (CompletableFuture<BlobCopy.Outcome> copy : copies) {
                counts.merge(copy.join(), 1, Integer::sum);
            }
            config.join();
            String mediaType = plan.manifest().path("mediaType").asText();
            byte[] manifest = JSON.writeValueAsBytes(plan.manifest());
            Digest digest = null;
            for (ImageReference tag : request.targets()) {
                digest = registry.putManifest(tag, manifest, mediaType);
            }
            pushed.put(target.name() + "@" + digest, new HeldImage(manifest, plan.config()));
            out.step("rebased " + target.name() + "@" + held.orElseThrow() + " onto the new base: " + plan.appLayers()
                    + " app layer(s) kept, " + plan.newBaseLayers().size() + " base layer(s) ("
                    + counts.getOrDefault(BlobCopy.Outcome.COPIED, 0) + " copied, " + counts.getOrDefault(BlobCopy.Outcome.MOUNTED, 0)
                    + " mounted, " + counts.getOrDefault(BlobCopy.Outcome.PRESENT, 0) + " already there); no Jib build needed");
            List<String> tags = request.targets().stream().map(ImageReference::toString).toList();
            return new BuildResult(digest.toString(), mediaType, tags, false, Map.of(platforms.get(0), digest.toString()));
        } catch (CompletionException e) {
            if (e.getCause() instanceof RegistryException registryError) {
                throw Failures.fromRegistry(registryError, "cannot push the rebased image to " + target.name());
            }
            throw e;
        } catch (RegistryException e) {
            throw Failures.fromRegistry(e, "cannot push the rebased image to " + target.name());
        } catch (IOException e) {
            throw new IllegalStateException("a manifest tree cannot be written as JSON", e);
        }
    }

    /** Makes one base layer present in the target repository. */
    private BlobCopy.Outcome copy(JsonNode layer, ImageReference target) {
        return blobs.ensure(registry, base.reference().orElseThrow(), target,
                Digest.parse(layer.path("digest").asText()));
    }

    /** The new config and manifest, and the new base's layers; nothing pushed yet. */
    record Plan(byte[] config, ObjectNode manifest, List<JsonNode> newBaseLayers, int appLayers) {}

    /** What can be told without asking a registry. */
    private void checkShape(Optional<Digest> held) throws NotPossible {
        if (base.reference().isEmpty() || base.manifest() == null) {
            throw new NotPossible("the image is built FROM scratch");
        }
        if (platforms.size() != 1) {
            throw new NotPossible("the image is built for " + platforms.size() + " platforms");
        }
        if (held.isEmpty()) {
            throw new NotPossible("the target holds no image yet");
        }
        String repository = request.targets().get(0).name();
        if (request.targets().stream().anyMatch(t -> !t.name().equals(repository))) {
            throw new NotPossible("the targets are in more than one repository");
        }
    }

    /** Reads and checks the held image and the previous base; {@link #checkShape} has passed. */
    private Plan plan(Optional<Digest> held) throws NotPossible, BuildException {
        ImageReference target = request.targets().get(0);
        try {
            HeldImage image = pushed.get(target.name() + "@" + held.get()).orElse(null);
            ObjectNode heldManifest = object(image != null ? image.manifest()
                    : registry.getManifest(target.withDigest(held.get())).map(Manifest::content)
                            .orElseThrow(() -> new NotPossible("the held image vanished")));
            if (!MediaTypes.isImageManifest(heldManifest.path("mediaType").asText())) {
                throw new NotPossible("the held image is not a single image manifest");
            }
            ObjectNode heldConfig = object(image != null ? image.config() : registry.getBlob(target,
                    Digest.parse(heldManifest.path("config").path("digest").asText()))
                    .orElseThrow(() -> new NotPossible("the held image's configuration is missing")));
            JsonNode labels = heldConfig.path("config").path("Labels");
            if (!inputs.equals(labels.path(BuildInputs.LABEL).asText())) {
                throw new NotPossible("the held image was built from other inputs (recipe, files or labels changed)");
            }
            String newBaseDigest = base.reference().get().digest().orElseThrow().toString();
            String oldBaseDigest = labels.path(JibImageBuilder.BASE_DIGEST).asText("");
            if (oldBaseDigest.isEmpty() || oldBaseDigest.equals(newBaseDigest)) {
                throw new NotPossible("the held image does not name a different base digest");
            }
            BaseImage old;
            try {
                old = previousBase.read(base.reference().get().withDigest(Digest.parse(oldBaseDigest)));
            } catch (BuildException e) {
                throw new NotPossible("the previous base cannot be read: " + e.getMessage());
            }
            return rebase(heldManifest, heldConfig, old, newBaseDigest);
        } catch (RegistryException | IllegalArgumentException e) {
            throw new NotPossible("reading the held image failed: " + e.getMessage());
        }
    }

    private Plan rebase(ObjectNode heldManifest, ObjectNode heldConfig, BaseImage old, String newBaseDigest)
            throws NotPossible {
        if (!withoutLayers(old.configFile(), ownLabels).equals(withoutLayers(base.configFile(), ownLabels))) {
            throw new NotPossible("the new base's configuration differs from the previous one's beyond its layers");
        }
        try {
            ImageRebase.Image oldBase = ImageRebase.Image.of(old.manifest(), old.configFile())
                    .withHistory(JibHistory.of(old.configFile(), old.manifest().path("layers").size(), created));
            ImageRebase.Image newBase = ImageRebase.Image.of(base.manifest(), base.configFile())
                    .withHistory(JibHistory.of(base.configFile(), base.manifest().path("layers").size(), created));
            ImageRebase.Result result = ImageRebase.rebase(oldBase, newBase, new ImageRebase.Image(heldManifest, heldConfig),
                    Map.of(JibImageBuilder.BASE_DIGEST, newBaseDigest), Map.of());
            return new Plan(result.config(), result.manifest(), result.newBaseLayers(), result.appLayers());
        } catch (ImageRebase.RebaseRefused e) {
            throw new NotPossible(e.getMessage());
        }
    }

    /**
     * A base's configuration file without what does not reach the image unchanged: layers, history, creation, and
     * the labels the build overrides.
     */
    private static JsonNode withoutLayers(JsonNode configFile, Set<String> ownLabels) {
        ObjectNode copy = configFile.deepCopy();
        copy.remove(List.of("rootfs", "history", "created"));
        if (copy.path("config").path("Labels") instanceof ObjectNode labels) {
            labels.remove(ownLabels);
        }
        return copy;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static ObjectNode object(byte[] content) throws NotPossible {
        try {
            JsonNode node = JSON.readTree(content);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // below
        }
        throw new NotPossible("the held image is not readable JSON");
    }
}
