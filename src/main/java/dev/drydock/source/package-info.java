/**
 * A task's source at a commit, as a directory the build reads its context from.
 *
 * <p>{@link dev.drydock.source.SourceCheckout} is the front. Git sources go through a cached bare
 * mirror per repository URL (branches and tags, fetched on every checkout of a ref, first fetched shallow),
 * from which the requested commit's tree is exported, without a worktree, into a fresh directory; inline
 * sources are written out file by file. Defaults: the ref is {@code HEAD} when none is given, the context is
 * the repository's root, http(s) credentials are a username and a password or token, offered only to the
 * repository's origin; git URLs are https or ssh unless insecure URLs are allowed ({@link
 * dev.drydock.source.GitUrlPolicy}). Nothing outside the target directory is ever written, and no link is
 * written or read through ({@link dev.drydock.source.SourcePaths}, {@link
 * dev.drydock.source.CheckoutFiles}).
 */
package dev.drydock.source;
