package dev.drydock.source;

import dev.drydock.source.SourceException.Kind;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Commits a change of one file on top of a commit, in a mirror's object database (no work tree: nothing is written
 * to disk, so no link can be written through), and pushes that commit, and only it, to a branch of its own. The file
 * must be a regular file at its path — a link, or a path through a linked directory, is refused — holding exactly the
 * content the change was made from. The branch is never the source's own ref nor the repository's default branch.
 */
final class BranchPush {

    private static final int MAX_SERVER_MESSAGE = 300;

    private BranchPush() {
    }

    /** The branch's full name, when it is a branch drydock may push to for {@code source}. */
    static String branchRef(GitSource source, String branch) {
        String ref = Constants.R_HEADS + branch;
        if (!Repository.isValidRefName(ref)) {
            throw new SourceException(Kind.INVALID, "\"" + branch + "\" is not a valid branch name");
        }
        if (source.ref().equals(branch) || source.ref().equals(ref)) {
            throw new SourceException(Kind.INVALID, "the source's own ref is " + branch
                    + ": drydock pushes its change to a branch of its own, never to the branch it builds");
        }
        return ref;
    }

    static FileCommit.Pushed push(Repository repository, GitSource source, ObjectId base,
            Optional<GitCredential> credential, FileCommit change) throws IOException {
        String ref = branchRef(source, change.branch());
        ObjectId commit = commit(repository, source, base, change);
        refuseDefaultBranch(source, credential, ref);
        PushResult result;
        try (Git git = new Git(repository)) {
            result = git.push().setRemote(source.url())
                    .setRefSpecs(new RefSpec("+" + commit.name() + ":" + ref))
                    .setCredentialsProvider(MirrorFetch.credentials(source.url(), credential))
                    .setTimeout((int) SourceCheckout.DEFAULT_TIMEOUT.toSeconds())
                    .call().iterator().next();
        } catch (GitAPIException | RuntimeException e) {
            if (e instanceof SourceException s) {
                throw s;
            }
            throw GitFailures.of(e, source.url(), credential, "pushing " + change.branch() + " to");
        }
        RemoteRefUpdate update = result.getRemoteUpdate(ref);
        if (update == null || update.getStatus() != RemoteRefUpdate.Status.OK
                && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
            throw new SourceException(Kind.REFUSED, GitUrlPolicy.redact(source.url()) + " refused the push of "
                    + change.branch() + ": " + (update == null ? "no answer for the branch" : refusal(update)));
        }
        return new FileCommit.Pushed(ref, commit.name(), base.name());
    }

    private static ObjectId commit(Repository repository, GitSource source, ObjectId base, FileCommit change)
            throws IOException {
        String relative = SourcePaths.normalise(change.path(), "file");
        String path = source.context().isEmpty() ? relative : source.context() + "/" + relative;
        try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader();
                ObjectInserter inserter = repository.newObjectInserter()) {
            RevCommit parent = walk.parseCommit(base);
            FileMode mode = regularFile(reader, parent, path, change.before());
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, change.after());
            DirCache tree = DirCache.read(reader, parent.getTree());
            DirCacheEditor editor = tree.editor();
            editor.add(new DirCacheEditor.PathEdit(path) {
                @Override
                public void apply(DirCacheEntry entry) {
                    entry.setFileMode(mode);
                    entry.setObjectId(blob);
                }
            });
            editor.finish();
            PersonIdent who = new PersonIdent(change.authorName(), change.authorEmail(), Instant.now(), ZoneOffset.UTC);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree.writeTree(inserter));
            commit.setParentId(parent);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(change.message());
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    /** The file's mode, when {@code path} is a regular file of the commit holding {@code expected}. */
    private static FileMode regularFile(ObjectReader reader, RevCommit commit, String path, byte[] expected)
            throws IOException {
        try (TreeWalk entry = TreeWalk.forPath(reader, path, commit.getTree())) {
            if (entry == null) {
                throw new SourceException(Kind.BAD_FILE, "\"" + path + "\" is not a file of commit " + commit.name()
                        + " (or it is inside a linked directory); drydock writes only regular files");
            }
            FileMode mode = entry.getFileMode(0);
            if (!FileMode.REGULAR_FILE.equals(mode) && !FileMode.EXECUTABLE_FILE.equals(mode)) {
                throw new SourceException(Kind.BAD_FILE, "\"" + path + "\" is "
                        + (FileMode.SYMLINK.equals(mode) ? "a link" : "not a regular file")
                        + " in commit " + commit.name() + "; drydock writes only regular files");
            }
            if (!Arrays.equals(reader.open(entry.getObjectId(0)).getBytes(), expected)) {
                throw new SourceException(Kind.BAD_FILE, "\"" + path + "\" in commit " + commit.name()
                        + " is not the file the change was made from");
            }
            return mode;
        }
    }

    /** Fails when the server's default branch (what its HEAD points to) is {@code ref}. */
    private static void refuseDefaultBranch(GitSource source, Optional<GitCredential> credential, String ref) {
        Map<String, Ref> refs;
        try {
            refs = Git.lsRemoteRepository().setRemote(source.url())
                    .setCredentialsProvider(MirrorFetch.credentials(source.url(), credential))
                    .setTimeout((int) SourceCheckout.DEFAULT_TIMEOUT.toSeconds())
                    .callAsMap();
        } catch (GitAPIException | RuntimeException e) {
            throw GitFailures.of(e, source.url(), credential, "listing the refs of");
        }
        Ref head = refs.get(Constants.HEAD);
        if (head != null && head.isSymbolic() && head.getTarget().getName().equals(ref)) {
            throw new SourceException(Kind.INVALID, Repository.shortenRefName(ref) + " is the default branch of "
                    + GitUrlPolicy.redact(source.url()) + "; drydock never pushes to it");
        }
    }

    private static String refusal(RemoteRefUpdate update) {
        String message = update.getMessage() == null ? "" : update.getMessage().replaceAll("\\p{Cntrl}", " ").strip();
        if (message.length() > MAX_SERVER_MESSAGE) {
            message = message.substring(0, MAX_SERVER_MESSAGE) + "…";
        }
        return update.getStatus() + (message.isEmpty() ? "" : " (" + message + ")");
    }
}
