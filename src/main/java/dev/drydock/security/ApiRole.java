package dev.drydock.security;

/** What a caller of the API may do. */
public enum ApiRole {
    /** GET only. */
    READ,
    /** Everything. */
    ADMIN
}
