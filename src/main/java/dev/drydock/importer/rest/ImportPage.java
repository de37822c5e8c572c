package dev.drydock.importer.rest;

import dev.drydock.importer.ImportView;
import java.util.List;

/** A page of import jobs, newest first, paged like the other lists. */
public record ImportPage(List<ImportView> items, int page, int size, long total) {}
