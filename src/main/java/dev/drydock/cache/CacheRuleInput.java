package dev.drydock.cache;

/**
 * A rule as the API sends it, before validation: on create every field but the optional ones is required; on a
 * change a null field stays as it was ({@code credentialSet: ""} removes the credential set, {@code syncTags: {}}
 * the sync).
 */
public record CacheRuleInput(String name, String source, String target, String credentialSet, String refresh,
        SyncTags syncTags) {}
