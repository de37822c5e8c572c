package dev.drydock.watch;

/**
 * The upstream change a base copies: the pull-through cache re-synced a cached tag because {@code reference}
 * upstream moved from {@code previousDigest} (null: not cached before) to {@code digest}.
 */
public record UpstreamChange(String reference, String previousDigest, String digest) {}
