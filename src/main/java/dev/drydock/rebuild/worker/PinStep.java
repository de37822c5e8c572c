package dev.drydock.rebuild.worker;

import dev.drydock.graph.buildfile.Dependency;
import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.registry.Descriptor;
import dev.drydock.registry.RegistryClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pins every image a build reads to a digest: the one the trigger pinned, else the registry's current one. A build
 * never reads a tag, so what the run records is what it built.
 */
@ApplicationScoped
class PinStep {

    /** The registry's current digest of a reference, empty when it does not exist. */
    @FunctionalInterface
    interface Heads {
        Optional<Digest> current(ImageReference reference);
    }

    /**
     * A build's pins.
     *
     * @param resolved reference as written → digest, as recorded on the run
     * @param stages stage index → its FROM image, pinned (Jib: the runtime stage only)
     * @param copies line → the image of a {@code COPY --from=<image>} or {@code RUN --mount=...,from=<image>}, pinned
     */
    record Pins(Map<String, String> resolved, Map<Integer, ImageReference> stages, Map<Integer, ImageReference> copies,
            Optional<ImageReference> runtimeBase) {}

    /** A rebase task's pins: the image CI pushed and the base to put under it. */
    record RebasePins(Map<String, String> resolved, ImageReference image, ImageReference base) {}

    private final Heads heads;

    @Inject
    PinStep(RegistryClient registry) {
        this(reference -> registry.headManifest(reference).map(Descriptor::digest));
    }

    PinStep(Heads heads) {
        this.heads = heads;
    }

    /** @throws StepFailure when an image the build reads does not exist */
    Pins pin(RunContext run, AnalyseStep.Analysed analysed) throws StepFailure {
        // Jib pins the recipe's base; buildah every image the file reads (FROM, COPY --from, RUN --mount from).
        List<Dependency> reads = analysed.buildah() ? analysed.analysis().dependencies()
                : analysed.analysis().runtimeDependency().stream().toList();
        Map<String, String> resolved = new LinkedHashMap<>();
        Map<Integer, ImageReference> stages = new LinkedHashMap<>();
        Map<Integer, ImageReference> copies = new LinkedHashMap<>();
        Optional<ImageReference> runtimeBase = Optional.empty();
        for (Dependency read : reads) {
            ImageReference pinned = pin(run, "base", read.reference(), resolved, analysed.buildah() ? role(read) : "")
                    .orElseThrow(() -> StepFailure.failed("base image " + read.reference() + " does not exist"));
            if (read.via() != Dependency.Via.FROM) {
                copies.put(read.line(), pinned);
                continue;
            }
            stages.put(read.stage(), pinned);
            if (read.runtime()) {
                runtimeBase = Optional.of(pinned);
            }
        }
        return new Pins(resolved, stages, copies, runtimeBase);
    }

    /** @throws StepFailure when the image or its base does not exist */
    RebasePins pinRebase(RunContext run) throws StepFailure {
        Map<String, String> resolved = new LinkedHashMap<>();
        ImageReference image = ImageReference.parse(run.spec().rebase().image());
        ImageReference base = ImageReference.parse(run.spec().rebase().base());
        ImageReference pinnedImage = pin(run, "image", image, resolved, "")
                .orElseThrow(() -> StepFailure.failed("image " + image + " does not exist"));
        ImageReference pinnedBase = pin(run, "base", base, resolved, "")
                .orElseThrow(() -> StepFailure.failed("base image " + base + " does not exist"));
        return new RebasePins(resolved, pinnedImage, pinnedBase);
    }

    private Optional<ImageReference> pin(RunContext run, String what, ImageReference reference,
            Map<String, String> resolved, String role) {
        String written = reference.toString();
        Optional<String> digest = reference.digest().map(Digest::toString)
                .or(() -> Optional.ofNullable(run.triggerPins().get(written)))
                .or(() -> Optional.ofNullable(resolved.get(written)));
        if (digest.isPresent()) {
            run.step(what + " " + reference + " pinned to " + digest.get() + role);
        } else {
            // One HEAD per image, however many stages read it.
            digest = heads.current(reference).map(Digest::toString);
            if (digest.isEmpty()) {
                return Optional.empty();
            }
            run.step("resolved " + what + " " + reference + " to " + digest.get() + " (not pinned by the trigger)" + role);
        }
        resolved.put(written, digest.get());
        return Optional.of(reference.withDigest(Digest.parse(digest.get())));
    }

    private static String role(Dependency read) {
        return " (stage " + read.stage() + (read.runtime() ? ", runtime" : read.via() == Dependency.Via.FROM
                ? ", build" : ", " + read.via().text() + " line " + read.line()) + ")";
    }
}
