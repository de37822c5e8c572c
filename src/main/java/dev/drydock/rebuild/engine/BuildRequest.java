package dev.drydock.rebuild.engine;

import dev.drydock.graph.buildfile.ImageRecipe;
import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import dev.drydock.registry.CredentialLookup;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One build: what to build, from which files, FROM which base digest, and where to push it.
 *
 * @param recipe what the build file asks for
 * @param context the build context directory that the recipe's COPY sources are relative to
 * @param pinnedBase the base WITH its digest (the tag, if any, is only for the
 *     {@code org.opencontainers.image.base.name} label); empty only for a recipe built FROM scratch
 * @param targets tags to push, e.g. {@code registry.local/team/app:latest}; at least one, none by digest
 * @param platforms platforms to build; empty builds the recipe's
 * @param annotations written as image labels over the recipe's own, e.g. the
 *     {@code org.opencontainers.image.*} ones; {@code base.name} and {@code base.digest} default to the
 *     pinned base
 * @param credentials credentials per registry, for the base's and the targets' registries
 * @param plainHttpRegistries registries ({@code host:port}) spoken to over plain HTTP
 * @param creationTime the image's creation time; the recipe's, else the epoch, when empty
 */
public record BuildRequest(
        ImageRecipe recipe,
        Path context,
        Optional<ImageReference> pinnedBase,
        List<ImageReference> targets,
        List<Platform> platforms,
        Map<String, String> annotations,
        CredentialLookup credentials,
        Set<String> plainHttpRegistries,
        Optional<Instant> creationTime) {

    public BuildRequest {
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(pinnedBase, "pinnedBase");
        pinnedBase.ifPresent(base -> {
            if (base.digest().isEmpty()) {
                throw new IllegalArgumentException("the base must be pinned by digest, got " + base);
            }
        });
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a build needs at least one target");
        }
        for (ImageReference target : targets) {
            if (target.digest().isPresent() || target.tag().isEmpty()) {
                throw new IllegalArgumentException("targets are tags, not digests: " + target);
            }
        }
        platforms = List.copyOf(platforms);
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        Objects.requireNonNull(credentials, "credentials");
        plainHttpRegistries = Set.copyOf(plainHttpRegistries);
        Objects.requireNonNull(creationTime, "creationTime");
    }

    /** A request with no extra platforms, annotations or credentials, over HTTPS, created at the recipe's time. */
    public static BuildRequest of(ImageRecipe recipe, Path context, Optional<ImageReference> pinnedBase,
            List<ImageReference> targets) {
        return new BuildRequest(recipe, context, pinnedBase, targets, List.of(), Map.of(),
                CredentialLookup.anonymous(), Set.of(), Optional.empty());
    }

    public BuildRequest withPlatforms(List<Platform> platforms) {
        return new BuildRequest(recipe, context, pinnedBase, targets, platforms, annotations, credentials,
                plainHttpRegistries, creationTime);
    }

    public BuildRequest withAnnotations(Map<String, String> annotations) {
        return new BuildRequest(recipe, context, pinnedBase, targets, platforms, annotations, credentials,
                plainHttpRegistries, creationTime);
    }

    public BuildRequest withCredentials(CredentialLookup credentials) {
        return new BuildRequest(recipe, context, pinnedBase, targets, platforms, annotations, credentials,
                plainHttpRegistries, creationTime);
    }

    public BuildRequest withPlainHttpRegistries(Set<String> plainHttpRegistries) {
        return new BuildRequest(recipe, context, pinnedBase, targets, platforms, annotations, credentials,
                plainHttpRegistries, creationTime);
    }

    public BuildRequest withCreationTime(Instant creationTime) {
        return new BuildRequest(recipe, context, pinnedBase, targets, platforms, annotations, credentials,
                plainHttpRegistries, Optional.of(creationTime));
    }

    /** Every registry the build talks to: the base's first, then the targets'. */
    Set<String> registries() {
        Set<String> registries = new LinkedHashSet<>();
        pinnedBase.ifPresent(base -> registries.add(base.registry()));
        targets.forEach(target -> registries.add(target.registry()));
        return registries;
    }
}
