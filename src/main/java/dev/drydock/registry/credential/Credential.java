package dev.drydock.registry.credential;

import java.time.Instant;

/** A named credential set as the rest of drydock may see it: everything but the secret. */
public record Credential(String name, String registry, String username, Instant created) {}
