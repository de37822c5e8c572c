package dev.drydock.registry.rest;

import java.util.List;

/** A page of credential sets by name, paged like the other lists. */
public record CredentialPage(List<CredentialResponse> items, int page, int size, long total) {}
