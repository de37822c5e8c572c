package dev.drydock.access.rest;

import java.util.List;

/** A page of tokens by name, paged like the other lists. */
public record TokenPage(List<TokenView> items, int page, int size, long total) {}
