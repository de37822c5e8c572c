package dev.drydock.rebuild.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.graph.buildfile.BuildFileKind;
import dev.drydock.graph.buildfile.Engine;
import dev.drydock.graph.buildfile.EngineChoice;
import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import dev.drydock.registry.RegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ONBUILD triggers a base carries in its configuration. A Dockerfile that Jib expresses exactly still needs
 * buildah when its base has triggers: a Dockerfile build runs them right after the FROM, Jib never does. Only the
 * pinned base's configuration can tell, so this is decided at build time, after the analysis chose Jib.
 */
public class OnBuildTriggers {

    private final RegistryClient registry;
    /** A digest's configuration never changes: its triggers are read once. */
    private final ImageCache<List<String>> triggers = new ImageCache<>(1024);

    public OnBuildTriggers(RegistryClient registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * The engine for a build the analysis gave to {@code chosen}: buildah instead of Jib when the pinned runtime
     * base has ONBUILD triggers; anything else as chosen.
     *
     * @param kind a jib.yaml keeps Jib: Jib CLI does not run triggers either, and buildah does not read it
     * @param forced the engine the task asks for
     * @throws BuildException {@code BAD_RECIPE} when the task forces Jib onto a base with triggers; as
     *     {@link BaseImage#inspect} when the base cannot be read
     */
    public EngineChoice route(EngineChoice chosen, BuildFileKind kind, Optional<Engine> forced,
            Optional<ImageReference> pinnedBase, Platform platform, BuildLog log) throws BuildException {
        if (chosen.engine() != Engine.JIB || kind != BuildFileKind.DOCKERFILE || pinnedBase.isEmpty()) {
            return chosen;
        }
        List<String> found = of(pinnedBase.get(), platform);
        if (found.isEmpty()) {
            return chosen;
        }
        String why = "the base " + pinnedBase.get() + " has ONBUILD triggers, which Jib does not run: "
                + String.join("; ", found);
        if (forced.filter(Engine.JIB::equals).isPresent()) {
            throw BuildException.badRecipe(why + ": leave engine out (or set buildah) so that they run");
        }
        log.step("engine: buildah (" + why + ")");
        return new EngineChoice(Engine.BUILDAH, why);
    }

    /** The triggers of {@code pinned} for {@code platform}, as written in its configuration's {@code OnBuild}. */
    List<String> of(ImageReference pinned, Platform platform) throws BuildException {
        String key = pinned.name() + "@" + pinned.digest().orElseThrow() + " " + platform;
        Optional<List<String>> cached = triggers.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        JsonNode onBuild = BaseImage.inspect(registry, pinned, List.of(platform)).configFile().path("config")
                .path("OnBuild");
        List<String> found = new ArrayList<>();
        onBuild.forEach(trigger -> found.add(trigger.asText()));
        triggers.put(key, List.copyOf(found));
        return List.copyOf(found);
    }
}
