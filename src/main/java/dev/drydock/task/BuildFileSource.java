package dev.drydock.task;

import dev.drydock.problem.ProblemException;
import dev.drydock.registry.CredentialLookup;
import dev.drydock.registry.RegistryCredential;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Reads a task's build file, from its inline files or from its git repository at the head of its ref. */
@ApplicationScoped
public class BuildFileSource {

    @Inject
    CredentialLookup credentials;

    /** The build file's text and the commit it was read at (empty for inline sources). */
    public record BuildFileText(String content, Optional<String> commit) {}

    public BuildFileText read(TaskSpec spec, String buildFile, Optional<String> commit) {
        if (spec.source().inline() != null) {
            String content = spec.source().inline().files().get(buildFile);
            if (content == null) {
                throw ProblemException.badRequest("buildFile", "the inline files have no " + buildFile);
            }
            return new BuildFileText(content, Optional.empty());
        }
        TaskSpec.Git git = spec.source().git();
        String path = contextPath(git.context(), buildFile);
        return readGit(git.url(), git.ref(), commit, path);
    }

    static String contextPath(String context, String buildFile) {
        String dir = context == null || context.isBlank() || context.equals(".") ? "" : context.replaceAll("^\\./", "").replaceAll("/+$", "");
        return dir.isEmpty() ? buildFile : dir + "/" + buildFile;
    }

    private BuildFileText readGit(String url, String ref, Optional<String> commit, String path) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("drydock-analyze-");
            try (Git git = Git.init().setBare(true).setDirectory(tmp.toFile()).call()) {
                UsernamePasswordCredentialsProvider auth = auth(url);
                ObjectId target;
                if (commit.isPresent()) {
                    git.fetch().setRemote(url).setCredentialsProvider(auth)
                            .setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"), new RefSpec("+refs/tags/*:refs/tags/*")).call();
                    target = git.getRepository().resolve(commit.get());
                    if (target == null) {
                        throw ProblemException.badRequest("commit", "commit " + commit.get() + " is not in " + url);
                    }
                } else {
                    Collection<Ref> refs = Git.lsRemoteRepository().setRemote(url).setCredentialsProvider(auth).call();
                    Ref found = refs.stream().filter(r -> r.getName().equals("refs/heads/" + ref) || r.getName().equals("refs/tags/" + ref)
                            || r.getName().equals(ref)).findFirst()
                            .orElseThrow(() -> ProblemException.badRequest("source.git.ref", "no branch or tag '" + ref + "' in " + url));
                    git.fetch().setRemote(url).setCredentialsProvider(auth).setDepth(1)
                            .setRefSpecs(new RefSpec("+" + found.getName() + ":refs/drydock/head")).call();
                    target = git.getRepository().resolve("refs/drydock/head^{commit}");
                }
                try (RevWalk walk = new RevWalk(git.getRepository())) {
                    RevCommit revCommit = walk.parseCommit(target);
                    try (TreeWalk tree = TreeWalk.forPath(git.getRepository(), path, revCommit.getTree())) {
                        if (tree == null) {
                            throw ProblemException.badRequest("buildFile", path + " does not exist in " + url + " at " + revCommit.name());
                        }
                        byte[] bytes = git.getRepository().open(tree.getObjectId(0)).getBytes();
                        return new BuildFileText(new String(bytes, StandardCharsets.UTF_8), Optional.of(revCommit.name()));
                    }
                }
            }
        } catch (GitAPIException | IOException | RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw ProblemException.badRequest("source.git.url", "cannot read " + url + ": " + e.getMessage());
        } finally {
            deleteQuietly(tmp);
        }
    }

    private UsernamePasswordCredentialsProvider auth(String url) {
        try {
            String host = URI.create(url).getHost();
            if (host == null) {
                return null;
            }
            Optional<RegistryCredential> credential = credentials.forRegistry(host);
            return credential.map(c -> new UsernamePasswordCredentialsProvider(c.username(), c.password())).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
