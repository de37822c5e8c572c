package dev.drydock.source;

import java.util.Objects;

/**
 * A change of one file, to be committed on top of a commit and pushed to a branch of its own
 * ({@link SourceCheckout#commitFile}).
 *
 * @param path the file, relative to the source's context (as {@link SourceCheckout#readFile} takes it)
 * @param before the content the change was made from: the commit must hold exactly this at {@code path}
 * @param after the new content
 * @param branch the branch, a name under {@code refs/heads/}, created or reset to the new commit
 * @param message the commit message
 * @param authorName the author and committer
 * @param authorEmail their e-mail address
 */
public record FileCommit(String path, byte[] before, byte[] after, String branch, String message, String authorName,
        String authorEmail) {

    public FileCommit {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(authorName, "authorName");
        Objects.requireNonNull(authorEmail, "authorEmail");
    }

    /**
     * What was pushed.
     *
     * @param branch the branch's full name, {@code refs/heads/…}
     * @param commit the new commit
     * @param parent the commit it was made on
     */
    public record Pushed(String branch, String commit, String parent) {}
}
