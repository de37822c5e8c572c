package dev.drydock.rebuild.engine;

import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.Ports;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import dev.drydock.graph.buildfile.ExpansionLimitException;
import dev.drydock.graph.buildfile.ImageRecipe;
import dev.drydock.graph.buildfile.Substitution;
import dev.drydock.image.Platform;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The recipe's container configuration on a Jib container builder. Unset values stay the base's (Jib
 * merges environment, labels, ports and volumes with the base's). Kept variables are expanded with the
 * base's environment; {@code extraLabels} win over the recipe's labels.
 */
final class ContainerPlan {

    private ContainerPlan() {
    }

    static void apply(JibContainerBuilder jib, ImageRecipe recipe, BaseImage base, Map<String, String> extraLabels,
            Instant creationTime, List<Platform> platforms) throws BuildException {
        try {
            configure(jib, recipe, base, extraLabels, creationTime, platforms);
        } catch (ExpansionLimitException e) {
            throw BuildException.badRecipe("the recipe's configuration cannot be expanded with the base image's "
                    + "environment: " + e.getMessage());
        }
    }

    private static void configure(JibContainerBuilder jib, ImageRecipe recipe, BaseImage base,
            Map<String, String> extraLabels, Instant creationTime, List<Platform> platforms) throws BuildException {
        Substitution variables = new Substitution();
        Map<String, String> seen = new LinkedHashMap<>(base.environment());
        Map<String, String> environment = new LinkedHashMap<>();
        recipe.environment().forEach((name, value) -> {
            String expanded = variables.expand(value, seen);
            seen.put(name, expanded);
            environment.put(name, expanded);
        });
        jib.setEnvironment(environment);

        Map<String, String> labels = new LinkedHashMap<>();
        recipe.labels().forEach((name, value) -> labels.put(name, variables.expand(value, seen)));
        labels.putAll(extraLabels);
        jib.setLabels(labels);

        try {
            jib.setExposedPorts(Ports.parse(recipe.exposedPorts().stream().map(p -> variables.expand(p, seen)).toList()));
        } catch (IllegalArgumentException e) {
            throw BuildException.badRecipe("exposed ports " + recipe.exposedPorts() + " are not valid: " + e.getMessage());
        }
        Set<AbsoluteUnixPath> volumes = new LinkedHashSet<>();
        for (String volume : recipe.volumes()) {
            volumes.add(absolute(variables.expand(volume, seen), "volume"));
        }
        jib.setVolumes(volumes);
        recipe.user().ifPresent(user -> jib.setUser(variables.expand(user, seen)));
        if (recipe.workingDirectory().isPresent()) {
            String directory = variables.expand(recipe.workingDirectory().get(), seen);
            jib.setWorkingDirectory(absolute(directory.startsWith("/") ? directory
                    : base.workingDirectory().replaceAll("/+$", "") + "/" + directory, "working directory"));
        }
        recipe.entrypoint().ifPresent(jib::setEntrypoint);
        recipe.cmd().ifPresent(jib::setProgramArguments);
        recipe.format().ifPresent(format -> jib.setFormat(
                format == ImageRecipe.Format.OCI ? ImageFormat.OCI : ImageFormat.Docker));
        jib.setCreationTime(creationTime);
        Set<com.google.cloud.tools.jib.api.buildplan.Platform> jibPlatforms = new LinkedHashSet<>();
        platforms.forEach(p -> jibPlatforms.add(
                new com.google.cloud.tools.jib.api.buildplan.Platform(p.architecture(), p.os())));
        jib.setPlatforms(jibPlatforms);
    }

    private static AbsoluteUnixPath absolute(String path, String what) throws BuildException {
        try {
            return AbsoluteUnixPath.get(path);
        } catch (IllegalArgumentException e) {
            throw BuildException.badRecipe("the " + what + " " + path + " is not an absolute path");
        }
    }
}
