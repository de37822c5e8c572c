package dev.drydock.rebuild.engine;

import dev.drydock.graph.buildfile.Glob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds a COPY source in the build context: a file or directory, or, with the wildcards Dockerfile COPY
 * accepts ({@code *}, {@code ?}, {@code [..]}), every match in order. Nothing outside the context is ever
 * read, neither through {@code ..} nor through a symbolic link.
 */
final class ContextSources {

    private final Path root;

    ContextSources(Path context) throws BuildException {
        try {
            this.root = context.toRealPath();
        } catch (IOException e) {
            throw BuildException.badRecipe("the build context " + context + " does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw BuildException.badRecipe("the build context " + context + " is not a directory");
        }
    }

    Path root() {
        return root;
    }

    /** The files and directories {@code src} names, sorted; fails when there are none. */
    List<Path> match(String src) throws BuildException {
        String relative = normalise(src);
        if (!hasWildcard(relative)) {
            Path path = root.resolve(relative);
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw BuildException.badRecipe("COPY source " + src + " does not exist in the build context");
            }
            checkInside(path, src);
            return List.of(path);
        }
        // Docker has no {a,b} groups; Glob matches without backtracking whatever the pattern.
        Glob matcher = Glob.path(relative.replace("{", "\\{").replace("}", "\\}")).get(0);
        int depth = relative.split("/").length;
        try (Stream<Path> walk = Files.walk(root, depth)) {
            List<Path> matches = walk.filter(p -> !p.equals(root))
                    .filter(p -> matcher.matches(root.relativize(p).toString()))
                    .sorted()
                    .toList();
            if (matches.isEmpty()) {
                throw BuildException.badRecipe("no file in the build context matches the COPY source " + src);
            }
            for (Path match : matches) {
                checkInside(match, src);
            }
            return matches;
        } catch (IOException e) {
            throw BuildException.badRecipe("cannot read the build context for " + src + ": " + e.getMessage());
        }
    }

    /** Fails when {@code path} is, or links to, something outside the context. */
    void checkInside(Path path, String what) throws BuildException {
        try {
            if (!path.toRealPath().startsWith(root)) {
                throw BuildException.badRecipe(what + " links to a file outside the build context");
            }
        } catch (IOException e) {
            throw BuildException.badRecipe(what + " is a broken link or cannot be read: " + e.getMessage());
        }
    }

    /** {@code src} relative to the root, {@code ./} and {@code ..} resolved; a leading {@code /} is the root. */
    static String normalise(String src) throws BuildException {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : src.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw BuildException.badRecipe("COPY source " + src + " is outside the build context");
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    private static boolean hasWildcard(String path) {
        return path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0;
    }
}
