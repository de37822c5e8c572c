package dev.drydock.build.source;

import dev.drydock.build.source.Checkout.Mirror;
import dev.drydock.build.source.SourceException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Checks out a task's source for a build. Each repository URL has a bare mirror in the cache directory
 * holding its branches and tags; a checkout fetches into it (the very first fetch shallow, one commit per
 * ref, when no older commit is asked for), then exports the requested commit's context directory into a
 * fresh directory. A commit already in the mirror needs no network at all. Thread-safe; checkouts of one
 * repository take turns on its mirror, in this JVM and across processes sharing the cache.
 */
public final class SourceCheckout {

    /** Commits per ref fetched when a mirror is created for a ref's head; older ones are fetched on demand. */
    public static final int FIRST_FETCH_DEPTH = 1;
    /** How long a git server may stay silent before a fetch fails. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final MirrorCache mirrors;

    /** @param cacheDirectory where the mirrors live; kept between builds (it is only a cache) */
    public SourceCheckout(Path cacheDirectory) {
        this.mirrors = new MirrorCache(Objects.requireNonNull(cacheDirectory, "cacheDirectory"));
    }

    /**
     * The source's context directory at {@code commit}, or at the head of its ref when no commit is given,
     * written into {@code workDir} (which must be empty or absent).
     */
    public Checkout checkout(GitSource source, Optional<String> commit, Optional<GitCredential> credential,
            Path workDir) {
        if (!source.context().isEmpty()) {
            SafePaths.resolve(workDir, source.context(), "context");
        }
        requireEmpty(workDir);
        return withCommit(source, commit, credential, (repository, resolved) -> {
            TreeExport.export(repository, resolved.id(), source.context(), workDir);
            return new Checkout(workDir, resolved.id().name(), resolved.mirror());
        });
    }

    /**
     * One file of the source's context directory at {@code commit} (or the head of its ref), read from the
     * cached mirror without exporting the tree; empty when the commit has no such file.
     */
    public FileAtCommit readFile(GitSource source, Optional<String> commit, Optional<GitCredential> credential,
            String path) {
        String inRepository = source.context().isEmpty() ? path : source.context() + "/" + path;
        return withCommit(source, commit, credential, (repository, resolved) -> {
            try (RevWalk walk = new RevWalk(repository);
                    TreeWalk tree = TreeWalk.forPath(repository, inRepository, walk.parseCommit(resolved.id()).getTree())) {
                Optional<byte[]> content = tree == null ? Optional.empty()
                        : Optional.of(repository.open(tree.getObjectId(0)).getBytes());
                return new FileAtCommit(resolved.id().name(), content);
            }
        });
    }

    /** A file's content at a commit; empty when the commit has no file at that path. */
    public record FileAtCommit(String commit, Optional<byte[]> content) {}

    private record Resolved(ObjectId id, Mirror mirror) {}

    @FunctionalInterface
    private interface MirrorWork<T> {
        T apply(Repository repository, Resolved resolved) throws IOException;
    }

    /** Brings {@code commit} (or the ref's head) into the mirror, under its lock, and works on it there. */
    private <T> T withCommit(GitSource source, Optional<String> commit, Optional<GitCredential> credential,
            MirrorWork<T> work) {
        Path mirror = mirrors.mirrorOf(source.url());
        try (MirrorCache.Lock lock = mirrors.lock(mirror); Repository repository = open(mirror)) {
            boolean cached = repository.getRefDatabase().hasRefs();
            Mirror action = cached ? Mirror.FETCHED : Mirror.CLONED;
            ObjectId id;
            if (commit.isPresent()) {
                Optional<ObjectId> present = cached
                        ? MirrorFetch.findCommit(repository, commit.get()) : Optional.empty();
                if (present.isPresent()) {
                    action = Mirror.REUSED;
                    id = present.get();
                } else {
                    id = MirrorFetch.fetchCommit(repository, source, commit.get(), credential);
                }
            } else {
                MirrorFetch.fetch(repository, source, credential, MirrorFetch.refSpecs(source.ref()),
                        cached ? 0 : FIRST_FETCH_DEPTH, false);
                id = resolveRef(repository, source.ref()).orElseThrow(() -> new SourceException(Kind.NOT_FOUND,
                        "no branch or tag " + source.ref() + " in " + GitFailures.redact(source.url())));
            }
            return work.apply(repository, new Resolved(id, action));
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new SourceException(Kind.CANCELED, "the checkout was canceled", e);
            }
            throw new UncheckedIOException("cannot use the mirror of " + GitFailures.redact(source.url()), e);
        }
    }

    /** The commit at the head of {@code ref} on the server (one ls-remote, nothing stored). */
    public String resolveHead(String url, String ref, Optional<GitCredential> credential) {
        String wanted = ref == null || ref.isBlank() ? "HEAD" : ref.strip();
        try {
            Map<String, Ref> refs = Git.lsRemoteRepository().setRemote(url)
                    .setCredentialsProvider(MirrorFetch.credentials(credential))
                    .setTimeout((int) DEFAULT_TIMEOUT.toSeconds())
                    .callAsMap();
            for (String name : candidates(wanted)) {
                Ref found = refs.get(name);
                if (found != null && found.getObjectId() != null) {
                    ObjectId peeled = found.getPeeledObjectId();
                    return (peeled != null ? peeled : found.getObjectId()).name();
                }
            }
            throw new SourceException(Kind.NOT_FOUND, "no branch or tag " + wanted + " in " + GitFailures.redact(url));
        } catch (GitAPIException e) {
            throw GitFailures.of(e, url, credential, "listing the refs of");
        }
    }

    /** Writes inline source files (path → content) into {@code dir}; paths may not leave it. */
    public Path materialize(Map<String, String> files, Path dir) {
        return InlineFiles.write(files, dir);
    }

    private static Optional<ObjectId> resolveRef(Repository repository, String ref) throws IOException {
        for (String name : candidates(ref)) {
            String local = name.equals("HEAD") ? MirrorFetch.REMOTE_HEAD : name;
            if (repository.exactRef(local) != null) {
                return Optional.ofNullable(repository.resolve(local + "^{commit}"));
            }
        }
        return Optional.empty();
    }

    private static List<String> candidates(String ref) {
        if (ref.equals("HEAD") || ref.startsWith("refs/")) {
            return List.of(ref);
        }
        return List.of("refs/heads/" + ref, "refs/tags/" + ref);
    }

    private static Repository open(Path mirror) throws IOException {
        if (!Files.isDirectory(mirror.resolve("objects"))) {
            try {
                Git.init().setBare(true).setGitDir(mirror.toFile()).call().close();
            } catch (GitAPIException e) {
                throw new IOException("cannot create the mirror " + mirror, e);
            }
        }
        return new FileRepositoryBuilder().setGitDir(mirror.toFile()).setBare().build();
    }

    private static void requireEmpty(Path workDir) {
        if (Files.isDirectory(workDir)) {
            try (Stream<Path> entries = Files.list(workDir)) {
                if (entries.findAny().isPresent()) {
                    throw new SourceException(Kind.INVALID, "the work directory " + workDir + " is not empty");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (Files.exists(workDir)) {
            throw new SourceException(Kind.INVALID, "the work directory " + workDir + " is not a directory");
        }
    }
}
