package dev.drydock.source;

import dev.drydock.source.SourceException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads one file of a commit's context directory straight from the tree, resolving symbolic links the way the
 * checkout would, part by part, and refusing any that leads outside the context: what registration reads is
 * what a build would read.
 */
final class TreeFiles {

    /** Links followed for one path at most, as in Linux. */
    static final int MAX_LINKS = 40;

    private TreeFiles() {
    }

    /** The file's bytes; empty when there is no such file. Fails for a link leaving the context or a big file. */
    static Optional<byte[]> read(ObjectReader reader, RevTree tree, String context, String path, long maxBytes)
            throws IOException {
        Deque<String> todo = new ArrayDeque<>(List.of(SourcePaths.normalise(path, "file").split("/")));
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (resolved.isEmpty()) {
                    throw leaves(path);
                }
                resolved.remove(resolved.size() - 1);
                continue;
            }
            List<String> candidate = new ArrayList<>(resolved);
            candidate.add(part);
            try (TreeWalk entry = TreeWalk.forPath(reader, inContext(context, candidate), tree)) {
                if (entry == null) {
                    return Optional.empty();
                }
                FileMode mode = entry.getFileMode(0);
                if (FileMode.SYMLINK.equals(mode)) {
                    if (++links > MAX_LINKS) {
                        throw new SourceException(Kind.BAD_FILE, "\"" + path + "\" goes through more than "
                                + MAX_LINKS + " links");
                    }
                    String target = new String(reader.open(entry.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                    if (target.startsWith("/") || target.indexOf('\0') >= 0) {
                        throw leaves(path);
                    }
                    String[] parts = target.split("/");
                    for (int i = parts.length - 1; i >= 0; i--) {
                        todo.push(parts[i]);
                    }
                } else if (FileMode.TREE.equals(mode)) {
                    resolved.add(part);
                    if (todo.isEmpty()) {
                        throw new SourceException(Kind.BAD_FILE, "\"" + path + "\" is a directory, not a file");
                    }
                } else if (!todo.isEmpty() || FileMode.GITLINK.equals(mode)) {
                    return Optional.empty();
                } else {
                    ObjectLoader blob = reader.open(entry.getObjectId(0));
                    if (blob.getSize() > maxBytes) {
                        throw new SourceException(Kind.BAD_FILE, "\"" + path + "\" is larger than " + maxBytes + " bytes");
                    }
                    return Optional.of(blob.getBytes());
                }
            }
        }
        throw new SourceException(Kind.BAD_FILE, "\"" + path + "\" names no file");
    }

    private static String inContext(String context, List<String> parts) {
        String relative = String.join("/", parts);
        return context.isEmpty() ? relative : context + "/" + relative;
    }

    private static SourceException leaves(String path) {
        return new SourceException(Kind.BAD_FILE, "\"" + path + "\" is a link that leads outside the checkout");
    }
}
