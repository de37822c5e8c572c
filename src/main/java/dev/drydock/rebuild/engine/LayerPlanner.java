package dev.drydock.rebuild.engine;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import dev.drydock.graph.buildfile.ExpansionLimitException;
import dev.drydock.graph.buildfile.ImageRecipe.FileCopy;
import dev.drydock.graph.buildfile.ImageRecipe.Layer;
import dev.drydock.graph.buildfile.Substitution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The recipe's layers as Jib layers: every COPY source from the build context with its place in the
 * image, permissions, owner and modification time. Follows COPY: a file goes to {@code dest}, or into it
 * when {@code dest} ends in {@code /} or there are several sources; a directory's contents go into
 * {@code dest}. A relative {@code dest} is relative to the base's working directory, and kept variables
 * are expanded with the base's environment.
 */
final class LayerPlanner {

    private final ContextSources sources;
    private final Map<String, String> environment;
    private final String workingDirectory;
    private final Substitution variables = new Substitution();

    LayerPlanner(ContextSources sources, Map<String, String> environment, String workingDirectory) {
        this.sources = sources;
        this.environment = environment;
        this.workingDirectory = workingDirectory;
    }

    List<FileEntriesLayer> plan(List<Layer> layers, StepLog log) throws BuildException {
        try {
            return planLayers(layers, log);
        } catch (ExpansionLimitException e) {
            throw BuildException.badRecipe("a COPY destination cannot be expanded with the base image's environment: "
                    + e.getMessage());
        }
    }

    private List<FileEntriesLayer> planLayers(List<Layer> layers, StepLog log) throws BuildException {
        List<FileEntriesLayer> planned = new ArrayList<>();
        for (Layer layer : layers) {
            Map<AbsoluteUnixPath, FileEntry> entries = new LinkedHashMap<>();
            for (FileCopy copy : layer.files()) {
                copy(copy, entries);
                if (Thread.currentThread().isInterrupted()) {
                    throw BuildException.canceled();
                }
            }
            planned.add(FileEntriesLayer.builder().setName(layer.name())
                    .setEntries(new ArrayList<>(entries.values())).build());
            long files = entries.values().stream().filter(e -> Files.isRegularFile(e.getSourceFile())).count();
            log.step("layer \"" + layer.name() + "\": " + files + " file(s), " + (entries.size() - files)
                    + " director" + (entries.size() - files == 1 ? "y" : "ies") + " to "
                    + layer.files().stream().map(f -> destination(f.dest()).toString()).distinct().toList());
        }
        return planned;
    }

    private void copy(FileCopy copy, Map<AbsoluteUnixPath, FileEntry> entries) throws BuildException {
        EntryProperties properties = EntryProperties.of(copy.properties());
        List<Path> matches = sources.match(copy.src());
        String dest = variables.expand(copy.dest(), environment);
        boolean intoDirectory = dest.endsWith("/") || matches.size() > 1;
        AbsoluteUnixPath target = destination(dest);
        Globs includes;
        Globs excludes;
        try {
            includes = Globs.of(copy.includes());
            excludes = Globs.of(copy.excludes());
        } catch (IllegalArgumentException e) {
            throw BuildException.badRecipe("the includes or excludes of " + copy.src() + " are not valid: " + e.getMessage());
        }
        for (Path source : matches) {
            if (Files.isDirectory(source)) {
                copyDirectory(source, target, includes, excludes, properties, entries);
            } else {
                String name = source.getFileName().toString();
                if (excludes.matchesOrIsUnder(name) || !includes.isEmpty() && !includes.matches(name)) {
                    continue;
                }
                AbsoluteUnixPath path = intoDirectory ? target.resolve(name) : target;
                entries.put(path, properties.file(source, path));
            }
        }
    }

    private void copyDirectory(Path directory, AbsoluteUnixPath target, Globs includes, Globs excludes,
            EntryProperties properties, Map<AbsoluteUnixPath, FileEntry> entries) throws BuildException {
        entries.putIfAbsent(target, properties.directory(directory, target));
        List<Path> walked;
        try (Stream<Path> walk = Files.walk(directory)) {
            walked = walk.filter(p -> !p.equals(directory)).sorted().toList();
        } catch (IOException e) {
            throw BuildException.badRecipe("cannot read " + sources.root().relativize(directory) + " in the build "
                    + "context: " + e.getMessage());
        }
        for (Path path : walked) {
            String relative = directory.relativize(path).toString();
            if (excludes.matchesOrIsUnder(relative)) {
                continue;
            }
            String shown = sources.root().relativize(path).toString();
            if (Files.isSymbolicLink(path)) {
                sources.checkInside(path, shown);
                if (Files.isDirectory(path)) {
                    throw BuildException.badRecipe(shown + " is a link to a directory, which Jib cannot put in an "
                            + "image: copy the directory itself");
                }
            }
            if (Files.isDirectory(path)) {
                if (includes.isEmpty()) {
                    entries.putIfAbsent(target.resolve(relative), properties.directory(path, target.resolve(relative)));
                }
            } else if (Files.isRegularFile(path) && (includes.isEmpty() || includes.matches(relative))) {
                addParents(directory, path, target, properties, entries);
                entries.put(target.resolve(relative), properties.file(path, target.resolve(relative)));
            }
        }
    }

    // With includes, directories enter the layer only as the parents of included files.
    private static void addParents(Path directory, Path file, AbsoluteUnixPath target, EntryProperties properties,
            Map<AbsoluteUnixPath, FileEntry> entries) {
        Path parent = file.getParent();
        List<Path> parents = new ArrayList<>();
        while (parent != null && !parent.equals(directory)) {
            parents.add(0, parent);
            parent = parent.getParent();
        }
        for (Path p : parents) {
            AbsoluteUnixPath path = target.resolve(directory.relativize(p).toString());
            entries.putIfAbsent(path, properties.directory(p, path));
        }
    }

    /** {@code dest} in the image: absolute, relative ones under the base's working directory. */
    AbsoluteUnixPath destination(String dest) {
        String expanded = variables.expand(dest, environment);
        String absolute = expanded.startsWith("/") ? expanded
                : (workingDirectory.endsWith("/") ? workingDirectory : workingDirectory + "/") + expanded;
        return AbsoluteUnixPath.get(normalise(absolute));
    }

    private static String normalise(String absolute) {
        List<String> parts = new ArrayList<>();
        for (String part : absolute.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(part);
            }
        }
        return "/" + String.join("/", parts);
    }
}
