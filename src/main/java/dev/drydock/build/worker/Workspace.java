package dev.drydock.build.worker;

import dev.drydock.registry.CredentialLookup;
import dev.drydock.task.TaskSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/** A run's source on disk: the inline files, or the git repository checked out at the run's commit. */
final class Workspace implements AutoCloseable {

    private final Path root;
    private final Path context;
    private final String commit;

    private Workspace(Path root, Path context, String commit) {
        this.root = root;
        this.context = context;
        this.commit = commit;
    }

    static Workspace prepare(Path parent, TaskSpec spec, Optional<String> commit, Optional<String> ref,
            CredentialLookup credentials) throws IOException, GitAPIException {
        Path root = Files.createTempDirectory(Files.createDirectories(parent), "run-");
        if (spec.source().inline() != null) {
            for (Map.Entry<String, String> file : spec.source().inline().files().entrySet()) {
                Path target = root.resolve(file.getKey()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("inline file escapes the build context: " + file.getKey());
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
            return new Workspace(root, root, null);
        }
        TaskSpec.Git git = spec.source().git();
        String branch = ref.orElse(git.ref());
        try (Git repo = Git.cloneRepository().setURI(git.url()).setDirectory(root.toFile()).setNoCheckout(true)
                .setCloneAllBranches(true).setCredentialsProvider(auth(git.url(), credentials)).call()) {
            ObjectId target = commit.isPresent() ? repo.getRepository().resolve(commit.get() + "^{commit}")
                    : firstResolved(repo, "refs/remotes/origin/" + branch, "refs/tags/" + branch);
            if (target == null) {
                throw new IOException(commit.map(c -> "commit " + c).orElse("branch or tag " + branch) + " not found in " + git.url());
            }
            repo.checkout().setName(target.name()).call();
            String dir = git.context() == null || git.context().equals(".") ? "" : git.context();
            Path context = root.resolve(dir).normalize();
            if (!context.startsWith(root) || !Files.isDirectory(context)) {
                throw new IOException("build context " + git.context() + " is not a directory of " + git.url());
            }
            return new Workspace(root, context, target.name());
        }
    }

    private static ObjectId firstResolved(Git repo, String... names) throws IOException {
        for (String name : names) {
            ObjectId id = repo.getRepository().resolve(name + "^{commit}");
            if (id != null) {
                return id;
            }
        }
        return null;
    }

    private static UsernamePasswordCredentialsProvider auth(String url, CredentialLookup credentials) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? null : credentials.forRegistry(host)
                    .map(c -> new UsernamePasswordCredentialsProvider(c.username(), c.password())).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    Path context() {
        return context;
    }

    /** The commit built, or null for inline sources. */
    String commit() {
        return commit;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover directory is harmless; the next run uses a new one
        }
    }
}
