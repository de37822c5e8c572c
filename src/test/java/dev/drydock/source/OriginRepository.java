package dev.drydock.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real git repository made with JGit that tests check out from, standing in for a git server. */
final class OriginRepository implements AutoCloseable {

    private static final PersonIdent AUTHOR = new PersonIdent("drydock test", "test@drydock.dev");

    private final Path dir;
    private final Git git;

    private OriginRepository(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    static OriginRepository create(Path dir) throws GitAPIException {
        return new OriginRepository(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    }

    Repository repository() {
        return git.getRepository();
    }

    String url() {
        return dir.toString();
    }

    /** Writes the files (a content starting with {@code #!} is made executable) and commits everything. */
    String commit(String message, Map<String, String> files) throws IOException, GitAPIException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    file.getValue().startsWith("#!") ? "rwxr-xr-x" : "rw-r--r--"));
        }
        git.add().addFilepattern(".").call();
        RevCommit commit = git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
        return commit.name();
    }

    /** A blob of {@code content} in the repository. */
    ObjectId blob(String content) throws IOException {
        try (ObjectInserter inserter = git.getRepository().newObjectInserter()) {
            ObjectId id = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
            inserter.flush();
            return id;
        }
    }

    /**
     * A tree holding exactly the entries given, in the order given, unchecked: what {@code git add} never
     * makes (a link and a directory of one name, a {@code .GIT} directory) but a hostile server can send.
     */
    ObjectId tree(Consumer<TreeFormatter> entries) throws IOException {
        TreeFormatter tree = new TreeFormatter();
        entries.accept(tree);
        try (ObjectInserter inserter = git.getRepository().newObjectInserter()) {
            ObjectId id = inserter.insert(tree);
            inserter.flush();
            return id;
        }
    }

    /** Commits {@code tree} on top of {@code main} and moves {@code main} to it. */
    String commitTree(ObjectId tree) throws IOException {
        Repository repository = git.getRepository();
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        ObjectId head = repository.resolve("refs/heads/main");
        if (head != null) {
            commit.setParentId(head);
        }
        commit.setAuthor(AUTHOR);
        commit.setCommitter(AUTHOR);
        commit.setMessage("raw tree");
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef("refs/heads/main");
            update.setNewObjectId(id);
            update.forceUpdate();
            return id.name();
        }
    }

    void tag(String name, String commit) throws GitAPIException, IOException {
        try (var walk = new org.eclipse.jgit.revwalk.RevWalk(git.getRepository())) {
            git.tag().setName(name).setAnnotated(true).setMessage("release " + name).setTagger(AUTHOR)
                    .setObjectId(walk.parseCommit(git.getRepository().resolve(commit))).call();
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
