package dev.drydock.cache.rest;

import dev.drydock.cache.SyncTags;

/**
 * Body of {@code PATCH /api/v1/cache-rules/{name}}: a field given replaces the old value, one left out stays;
 * {@code credentialSet: ""} removes the credential set, {@code syncTags: {}} the sync.
 */
public record CacheRulePatch(String source, String target, String credentialSet, String refresh, SyncTags syncTags) {}
