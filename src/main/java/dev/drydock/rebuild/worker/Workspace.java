package dev.drydock.rebuild.worker;

import dev.drydock.source.Checkout;
import dev.drydock.source.GitCredentials;
import dev.drydock.source.GitSource;
import dev.drydock.source.SourceCheckout;
import dev.drydock.registry.CredentialLookup;
import dev.drydock.task.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** A run's source on disk: the inline files, or the git repository's context at the run's commit. */
final class Workspace implements AutoCloseable {

    private final Path root;
    private final Path context;
    private final String commit;
    private final Optional<Instant> commitTime;

    private Workspace(Path root, Path context, String commit, Optional<Instant> commitTime) {
        this.root = root;
        this.context = context;
        this.commit = commit;
        this.commitTime = commitTime;
    }

    static Workspace prepare(SourceCheckout sources, Path parent, TaskSpec spec, Optional<String> commit,
            Optional<String> ref, CredentialLookup credentials) throws IOException {
        Path root = Files.createTempDirectory(Files.createDirectories(parent), "run-");
        if (spec.source().inline() != null) {
            sources.materialize(spec.source().inline().files(), root);
            return new Workspace(root, root, null, Optional.empty());
        }
        TaskSpec.Git git = spec.source().git();
        Path context = root.resolve("context");
        Checkout checkout = sources.checkout(new GitSource(git.url(), ref.orElse(git.ref()), git.context()), commit,
                GitCredentials.forUrl(git.url(), credentials), context);
        return new Workspace(root, checkout.contextDir(), checkout.commit(), Optional.of(checkout.commitTime()));
    }

    Path context() {
        return context;
    }

    /** The commit built, or null for inline sources. */
    String commit() {
        return commit;
    }

    /** The committer time of {@link #commit()}; empty for inline sources. */
    Optional<Instant> commitTime() {
        return commitTime;
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
