/**
 * A task's source at a commit, as a directory the build reads its context from.
 *
 * <p>{@link dev.drydock.build.source.SourceCheckout} is the front. Git sources go through a cached bare
 * mirror per repository URL (branches and tags, fetched on every checkout of a ref, first fetched shallow),
 * from which the requested commit's tree is exported, without a worktree, into a fresh directory; inline
 * sources are written out file by file. Defaults: the ref is {@code HEAD} when none is given, the context is
 * the repository's root, http(s) credentials are a username and a password or token. Nothing outside the
 * target directory is ever written.
 */
package dev.drydock.build.source;
