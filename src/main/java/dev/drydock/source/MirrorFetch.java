package dev.drydock.source;

import dev.drydock.source.SourceException.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * Fetches into a repository's bare mirror: its branches and tags (deleted ones pruned), shallow when asked,
 * the rest of the history when a commit is older than a shallow mirror's boundary, and a single commit by id
 * as the last resort. Interrupting the calling thread cancels a running fetch. Every object fetched is checked
 * (git fsck: malformed trees, {@code .git} entries, duplicate names), and one fetch receives a bounded pack.
 */
final class MirrorFetch {

    static final String REMOTE_HEAD = "refs/drydock/remote-head";
    static final List<RefSpec> MIRROR_SPECS = List.of(
            new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));

    private MirrorFetch() {
    }

    static ObjectId fetchCommit(Repository repository, GitSource source, String commit,
            Optional<GitCredential> credential, long maxBytes) throws IOException {
        fetch(repository, source, credential, MIRROR_SPECS, 0, false, maxBytes);
        Optional<ObjectId> id = findCommit(repository, commit);
        if (id.isEmpty() && !repository.getObjectDatabase().getShallowCommits().isEmpty()) {
            fetch(repository, source, credential, MIRROR_SPECS, 0, true, maxBytes);
            id = findCommit(repository, commit);
        }
        if (id.isEmpty() && ObjectId.isId(commit)) {
            try {
                // Servers that allow it (GitHub, GitLab) send a commit no ref points at any more.
                fetch(repository, source, credential,
                        List.of(new RefSpec("+" + commit + ":refs/drydock/commits/" + commit)), 0, false, maxBytes);
                id = findCommit(repository, commit);
            } catch (SourceException e) {
                if (e.kind() != Kind.NOT_FOUND && e.kind() != Kind.NO_REPOSITORY && e.kind() != Kind.UNREACHABLE) {
                    throw e;
                }
            }
        }
        return id.orElseThrow(() -> new SourceException(Kind.NOT_FOUND,
                "commit " + commit + " is not in " + GitUrlPolicy.redact(source.url())));
    }

    /**
     * Fetches {@code specs}, checking every object received (git fsck) and stopping once the fetch receives more
     * than {@code maxBytes}: over HTTP(S) as the bytes stream in ({@link FetchBudget}), over other transports once
     * the pack being written grows past it, checked between objects ({@link FetchMonitor}).
     */
    static void fetch(Repository repository, GitSource source, Optional<GitCredential> credential,
            List<RefSpec> specs, int depth, boolean unshallow, long maxBytes) throws IOException {
        FetchMonitor monitor = new FetchMonitor(Thread.currentThread(), repository.getDirectory().toPath(), maxBytes);
        FetchBudget budget = new FetchBudget(maxBytes);
        try (Git git = new Git(repository)) {
            FetchCommand fetch = git.fetch().setRemote(source.url()).setRefSpecs(specs)
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setRemoveDeletedRefs(specs.containsAll(MIRROR_SPECS))
                    .setCredentialsProvider(credentials(source.url(), credential))
                    .setTimeout((int) SourceCheckout.DEFAULT_TIMEOUT.toSeconds())
                    .setProgressMonitor(monitor)
                    .setTransportConfigCallback(budget::apply);
            if (depth > 0) {
                fetch.setDepth(depth);
            } else if (!unshallow && repository.getObjectDatabase().getShallowCommits().isEmpty()) {
                // git fsck on every object received. JGit couples it with a connectivity walk that fails on
                // shallow mirrors; there the checkout checks every tree it writes (TreeExport) instead.
                fetch.setCheckFetchedObjects(true);
            }
            if (unshallow) {
                fetch.setUnshallow(true);
            }
            fetch.call();
        } catch (GitAPIException | RuntimeException e) {
            if (e instanceof SourceException s) {
                throw s;
            }
            if (budget.exceeded() || monitor.tooBig()) {
                throw new SourceException(Kind.INVALID, "fetching " + GitUrlPolicy.redact(source.url())
                        + " received more than " + maxBytes + " bytes (drydock.source.max-fetch-bytes)", null);
            }
            throw GitFailures.of(e, source.url(), credential, "fetching");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new SourceException(Kind.CANCELED, "the checkout was canceled");
        }
    }

    static List<RefSpec> refSpecs(String ref) {
        List<RefSpec> specs = new ArrayList<>(MIRROR_SPECS);
        if (ref.equals("HEAD")) {
            specs.add(new RefSpec("+HEAD:" + REMOTE_HEAD));
        } else if (ref.startsWith("refs/") && !ref.startsWith("refs/heads/") && !ref.startsWith("refs/tags/")) {
            specs.add(new RefSpec("+" + ref + ":" + ref));
        }
        return specs;
    }

    static Optional<ObjectId> findCommit(Repository repository, String commit) {
        try {
            return Optional.ofNullable(repository.resolve(commit + "^{commit}"));
        } catch (IOException | RevisionSyntaxException e) {
            return Optional.empty();
        }
    }

    /** The credential, offered only to the repository's own origin. */
    static CredentialsProvider credentials(String url, Optional<GitCredential> credential) {
        return credential.map(c -> (CredentialsProvider) new OriginCredentials(url, c)).orElse(null);
    }
}
