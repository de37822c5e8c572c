package dev.drydock.build.source;

import dev.drydock.build.source.SourceException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.eclipse.jgit.lib.FileMode;
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
 */
final class TreeExport {

    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");

    private TreeExport() {
    }

    static void export(Repository repository, ObjectId commitId, String context, Path target) throws IOException {
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
            Files.createDirectories(target);
            try (TreeWalk walk = new TreeWalk(reader)) {
                walk.addTree(tree);
                walk.setRecursive(true);
                while (walk.next()) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new SourceException(Kind.CANCELED, "the checkout was canceled");
                    }
                    write(reader, walk, SafePaths.resolve(target, walk.getPathString(), "path"));
                }
            }
        }
    }

    private static void write(ObjectReader reader, TreeWalk walk, Path path) throws IOException {
        FileMode mode = walk.getFileMode(0);
        Files.createDirectories(path.getParent());
        if (FileMode.SYMLINK.equals(mode)) {
            String link = new String(reader.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            Files.createSymbolicLink(path, Path.of(link));
        } else if (FileMode.GITLINK.equals(mode)) {
            Files.createDirectories(path);
        } else {
            try (OutputStream out = Files.newOutputStream(path)) {
                reader.open(walk.getObjectId(0)).copyTo(out);
            }
            Files.setPosixFilePermissions(path, FileMode.EXECUTABLE_FILE.equals(mode) ? EXECUTABLE : REGULAR);
        }
    }
}
