package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;

/** A tag the cache holds: the private repository and tag, its digest, its last upstream check and import. */
@TemplateData
public record CachedTagRow(String repository, String tag, String digest, String digestShort, Times checked,
        Times imported) {}
