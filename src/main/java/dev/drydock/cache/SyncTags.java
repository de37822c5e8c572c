package dev.drydock.cache;

/**
 * Which upstream tags a rule imports before anyone pulls them: {@code include} and {@code exclude} are Java regular
 * expressions matched against the whole tag, {@code semver} a range such as {@code >=1.25 <2}. Each is optional;
 * a tag must pass every one given.
 */
public record SyncTags(String include, String exclude, String semver) {}
