package dev.drydock.build.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
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
