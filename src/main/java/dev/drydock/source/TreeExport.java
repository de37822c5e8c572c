package dev.drydock.source;

import dev.drydock.source.SourceException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes one directory of a commit's tree into an empty directory, like {@code git archive} and an unpack:
 * files with their executable bit (the only mode git records), symbolic links as links, submodules as empty
 * directories. No worktree, no index, no {@code .git}.
 *
 * <p>A tree comes from whoever controls the repository, so it is checked whole before anything is written:
 * every tree object passes git fsck's checks ({@link ObjectChecker}), every path passes {@link SourcePaths}, no two entries name the same path, and no entry is both a file or
 * link and the directory of another (the trick that would write through a link). Writing then never follows a
 * link: directories and files are created new, each parent must be a real directory inside the target.
 */
final class TreeExport {

    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");

    private record Entry(String path, FileMode mode, ObjectId id) {}

    private TreeExport() {
    }

    static void export(Repository repository, ObjectId commitId, String context, Path target, SourceLimits limits)
            throws IOException {
        try (RevWalk revWalk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
            RevCommit commit = revWalk.parseCommit(commitId);
            ObjectId tree = commit.getTree();
            if (!context.isEmpty()) {
                try (TreeWalk sub = TreeWalk.forPath(reader, context, commit.getTree())) {
                    if (sub == null || !FileMode.TREE.equals(sub.getFileMode(0))) {
                        throw new SourceException(Kind.NOT_FOUND, "the context directory " + context
                                + " is not in commit " + commit.name());
                    }
                    tree = sub.getObjectId(0);
                }
            }
            List<Entry> entries = entries(reader, tree, limits);
            Files.createDirectories(target);
            Path root = target.toRealPath();
            long written = 0;
            for (Entry entry : entries) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new SourceException(Kind.CANCELED, "the checkout was canceled");
                }
                written += write(reader, entry, root);
                if (written > limits.maxCheckoutBytes()) {
                    throw new SourceException(Kind.INVALID, "the checkout is larger than " + limits.maxCheckoutBytes()
                            + " bytes (drydock.source.max-checkout-bytes)");
                }
            }
        }
    }

    /** Every entry of the tree, checked: valid paths, no duplicates, no file that is also a directory. */
    private static List<Entry> entries(ObjectReader reader, ObjectId tree, SourceLimits limits) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Map<String, String> leaves = new HashMap<>();
        Set<String> directories = new HashSet<>();
        Set<String> seen = new HashSet<>();
        ObjectChecker fsck = new ObjectChecker();
        fsck(fsck, reader, tree);
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(tree);
            walk.setRecursive(false);
            while (walk.next()) {
                if (walk.isSubtree()) {
                    fsck(fsck, reader, walk.getObjectId(0));
                    walk.enterSubtree();
                    continue;
                }
                String path = walk.getPathString();
                String normalised = SourcePaths.normalise(path, "path");
                String key = SourcePaths.key(normalised);
                if (!normalised.equals(path)) {
                    throw new SourceException(Kind.INVALID, "the tree's \"" + path + "\" is not a plain path");
                }
                if (!seen.add(key)) {
                    throw new SourceException(Kind.INVALID, "the tree names \"" + path + "\" twice");
                }
                for (int slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', slash + 1)) {
                    directories.add(key.substring(0, slash));
                }
                leaves.put(key, path);
                if (entries.size() >= limits.maxCheckoutEntries()) {
                    throw new SourceException(Kind.INVALID, "the checkout has more than " + limits.maxCheckoutEntries()
                            + " entries (drydock.source.max-checkout-entries)");
                }
                entries.add(new Entry(path, walk.getFileMode(0), walk.getObjectId(0)));
            }
        }
        for (String directory : directories) {
            if (leaves.containsKey(directory)) {
                throw new SourceException(Kind.INVALID, "the tree's \"" + leaves.get(directory)
                        + "\" is both a file or link and a directory");
            }
        }
        return entries;
    }

    /** Checks one tree object as git fsck would: names, modes, order, duplicates, {@code .git} spellings. */
    private static void fsck(ObjectChecker fsck, ObjectReader reader, ObjectId tree) throws IOException {
        try {
            fsck.checkTree(tree, reader.open(tree, Constants.OBJ_TREE).getCachedBytes());
        } catch (CorruptObjectException e) {
            throw new SourceException(Kind.INVALID, "the repository has a malformed tree " + tree.name() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Writes one entry under {@code root} without following any link; the bytes written. */
    private static long write(ObjectReader reader, Entry entry, Path root) throws IOException {
        Path path = root.resolve(entry.path());
        Path parent = directories(root, path.getParent(), entry.path());
        path = parent.resolve(path.getFileName());
        try {
            if (FileMode.SYMLINK.equals(entry.mode())) {
                String link = new String(reader.open(entry.id()).getBytes(), StandardCharsets.UTF_8);
                if (link.isEmpty() || link.indexOf('\0') >= 0) {
                    throw new SourceException(Kind.INVALID, "the link \"" + entry.path() + "\" has no valid target");
                }
                Files.createSymbolicLink(path, Path.of(link));
                return link.length();
            }
            if (FileMode.GITLINK.equals(entry.mode())) {
                Files.createDirectory(path);
                return 0;
            }
            long size;
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                var loader = reader.open(entry.id());
                size = loader.getSize();
                loader.copyTo(out);
            }
            Files.setPosixFilePermissions(path, FileMode.EXECUTABLE_FILE.equals(entry.mode()) ? EXECUTABLE : REGULAR);
            return size;
        } catch (FileAlreadyExistsException e) {
            throw new SourceException(Kind.INVALID, "the tree's \"" + entry.path() + "\" collides with another entry", e);
        }
    }

    /** Creates the directories from {@code root} down to {@code dir}; each must be a real directory, not a link. */
    private static Path directories(Path root, Path dir, String entry) throws IOException {
        Path current = root;
        for (Path name : root.relativize(dir)) {
            if (name.toString().isEmpty()) {
                continue;
            }
            current = current.resolve(name);
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new SourceException(Kind.INVALID, "the tree's \"" + entry + "\" lies under \""
                        + root.relativize(current) + "\", which is not a directory");
            }
        }
        if (!current.toRealPath().startsWith(root)) {
            throw new SourceException(Kind.INVALID, "the tree's \"" + entry + "\" lies outside the checkout");
        }
        return current;
    }
}
