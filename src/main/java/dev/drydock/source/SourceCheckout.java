package dev.drydock.source;

import dev.drydock.source.Checkout.Mirror;
import dev.drydock.source.SourceException.Kind;
import dev.drydock.net.AddressNotAllowedException;
import dev.drydock.net.OutboundPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

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
    private final SourceLimits limits;
    private final GitUrlPolicy urls;
    private final OutboundPolicy outbound;

    /**
     * @param cacheDirectory where the mirrors live; kept between builds (it is only a cache)
     * @param limits how much a fetch, a checkout and all mirrors may take
     * @param urls which git URLs may be fetched
     * @param outbound which addresses a git host may resolve to
     */
    public SourceCheckout(Path cacheDirectory, SourceLimits limits, GitUrlPolicy urls, OutboundPolicy outbound) {
        this.mirrors = new MirrorCache(Objects.requireNonNull(cacheDirectory, "cacheDirectory"));
        this.limits = Objects.requireNonNull(limits, "limits");
        this.urls = Objects.requireNonNull(urls, "urls");
        this.outbound = Objects.requireNonNull(outbound, "outbound");
    }

    /** The default outbound policy (metadata and link-local addresses denied). */
    public SourceCheckout(Path cacheDirectory, SourceLimits limits, GitUrlPolicy urls) {
        this(cacheDirectory, limits, urls, OutboundPolicy.defaults());
    }

    /** The default limits and only secure git URLs. */
    public SourceCheckout(Path cacheDirectory) {
        this(cacheDirectory, SourceLimits.DEFAULT, GitUrlPolicy.STRICT);
    }

    /**
     * The source's context directory at {@code commit}, or at the head of its ref when no commit is given,
     * written into {@code workDir} (which must be empty or absent).
     */
    public Checkout checkout(GitSource source, Optional<String> commit, Optional<GitCredential> credential,
            Path workDir) {
        if (!source.context().isEmpty()) {
            SourcePaths.resolve(workDir, source.context(), "context");
        }
        requireEmpty(workDir);
        return withCommit(source, commit, credential, (repository, resolved) -> {
            TreeExport.export(repository, resolved.id(), source.context(), workDir, limits);
            Instant commitTime;
            try (RevWalk walk = new RevWalk(repository)) {
                commitTime = Instant.ofEpochSecond(walk.parseCommit(resolved.id()).getCommitTime());
            }
            return new Checkout(workDir, resolved.id().name(), resolved.mirror(), commitTime);
        });
    }

    /**
     * One file of the source's context directory at {@code commit} (or the head of its ref), read from the
     * cached mirror without exporting the tree, its links resolved as a checkout would; empty when the commit
     * has no such file. Fails with {@link Kind#INVALID} for a link leading outside the context or a file larger
     * than {@code maxBytes}.
     */
    public FileAtCommit readFile(GitSource source, Optional<String> commit, Optional<GitCredential> credential,
            String path, long maxBytes) {
        if (!source.context().isEmpty()) {
            SourcePaths.normalise(source.context(), "context");
        }
        return withCommit(source, commit, credential, (repository, resolved) -> {
            try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
                Optional<byte[]> content = TreeFiles.read(reader, walk.parseCommit(resolved.id()).getTree(),
                        source.context(), path, maxBytes);
                return new FileAtCommit(resolved.id().name(), content, resolved.mirror());
            }
        });
    }

    /**
     * A file's content at a commit; empty when the commit has no file at that path.
     *
     * @param mirror {@link Mirror#CLONED} when reading it created the repository's mirror
     */
    public record FileAtCommit(String commit, Optional<byte[]> content, Mirror mirror) {}

    /**
     * Commits {@code change} on top of {@code baseCommit} and pushes the commit to {@code change.branch()}, created or
     * reset to it ({@link BranchPush}): the file is written in the mirror's object database, never on disk, and only
     * that branch is pushed. Fails with {@link Kind#INVALID} for a branch that is the source's ref or the repository's
     * default branch, {@link Kind#BAD_FILE} when the path is no regular file holding {@code change.before()},
     * {@link Kind#REFUSED} when the server refuses the update, and as a fetch fails for a server that cannot be
     * reached or refuses the credential.
     */
    public FileCommit.Pushed commitFile(GitSource source, String baseCommit, Optional<GitCredential> credential,
            FileCommit change) {
        GitSource checked = new GitSource(allowed(source.url()), source.ref(), source.context());
        BranchPush.branchRef(checked, change.branch());
        return withCommit(checked, Optional.of(baseCommit), credential,
                (repository, resolved) -> BranchPush.push(repository, checked, resolved.id(), credential, change));
    }

    /** Whether {@code url} has a mirror in the cache. */
    public boolean hasMirror(String url) {
        return Files.isDirectory(mirrors.mirrorOf(url).resolve("objects"));
    }

    /**
     * Removes the mirror of {@code url}, e.g. one a dry run or a failed registration created; waits for a
     * checkout using it to finish.
     */
    public void removeMirror(String url) {
        Path mirror = mirrors.mirrorOf(url);
        try (MirrorCache.Lock lock = mirrors.lock(mirror)) {
            mirrors.delete(mirror);
        }
    }

    private record Resolved(ObjectId id, Mirror mirror) {}

    @FunctionalInterface
    private interface MirrorWork<T> {
        T apply(Repository repository, Resolved resolved) throws IOException;
    }

    /** Brings {@code commit} (or the ref's head) into the mirror, under its lock, and works on it there. */
    private <T> T withCommit(GitSource source, Optional<String> commit, Optional<GitCredential> credential,
            MirrorWork<T> work) {
        String url = allowed(source.url());
        source = new GitSource(url, source.ref(), source.context());
        Path mirror = mirrors.mirrorOf(url);
        T result;
        Mirror action;
        try (MirrorCache.Lock lock = mirrors.lock(mirror); Repository repository = open(mirror)) {
            mirrors.touch(mirror);
            boolean cached = repository.getRefDatabase().hasRefs();
            action = cached ? Mirror.FETCHED : Mirror.CLONED;
            ObjectId id;
            if (commit.isPresent()) {
                Optional<ObjectId> present = cached
                        ? MirrorFetch.findCommit(repository, commit.get()) : Optional.empty();
                if (present.isPresent()) {
                    action = Mirror.REUSED;
                    id = present.get();
                } else {
                    id = MirrorFetch.fetchCommit(repository, source, commit.get(), credential, limits.maxFetchBytes());
                }
            } else {
                MirrorFetch.fetch(repository, source, credential, MirrorFetch.refSpecs(source.ref()),
                        cached ? 0 : FIRST_FETCH_DEPTH, false, limits.maxFetchBytes());
                String ref = source.ref();
                id = resolveRef(repository, ref).orElseThrow(() -> new SourceException(Kind.NOT_FOUND,
                        "no branch or tag " + ref + " in " + GitUrlPolicy.redact(url)));
            }
            result = work.apply(repository, new Resolved(id, action));
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new SourceException(Kind.CANCELED, "the checkout was canceled", e);
            }
            throw new UncheckedIOException("cannot use the mirror of " + GitUrlPolicy.redact(url), e);
        }
        if (action != Mirror.REUSED) {
            mirrors.evict(limits.maxMirrorBytes(), mirror);
        }
        return result;
    }

    /**
     * The URL as the policy accepts it, once its host resolves to an address drydock may connect to. The check is
     * on the name before git connects (JGit opens its own connections); a name that does not resolve is left to
     * git's own error.
     */
    private String allowed(String gitUrl) {
        String url = urls.check(gitUrl);
        Optional<String> host = GitUrlPolicy.hostOf(url);
        if (host.isPresent()) {
            try {
                outbound.allowedAddresses(host.get());
            } catch (AddressNotAllowedException e) {
                throw new SourceException(Kind.INVALID, "the git host of " + GitUrlPolicy.redact(url) + ": "
                        + e.getMessage(), null);
            } catch (UnknownHostException e) {
                // git reports it as unreachable
            }
        }
        return url;
    }

    /** The commit at the head of {@code ref} on the server (one ls-remote, nothing stored). */
    public String resolveHead(String gitUrl, String ref, Optional<GitCredential> credential) {
        String url = allowed(gitUrl);
        String wanted = ref == null || ref.isBlank() ? "HEAD" : ref.strip();
        try {
            Map<String, Ref> refs = Git.lsRemoteRepository().setRemote(url)
                    .setCredentialsProvider(MirrorFetch.credentials(url, credential))
                    .setTimeout((int) DEFAULT_TIMEOUT.toSeconds())
                    .callAsMap();
            for (String name : candidates(wanted)) {
                Ref found = refs.get(name);
                if (found != null && found.getObjectId() != null) {
                    ObjectId peeled = found.getPeeledObjectId();
                    return (peeled != null ? peeled : found.getObjectId()).name();
                }
            }
            throw new SourceException(Kind.NOT_FOUND, "no branch or tag " + wanted + " in " + GitUrlPolicy.redact(url));
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
