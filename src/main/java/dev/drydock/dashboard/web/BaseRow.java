package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;

/** A tracked base as the bases page shows it. */
@TemplateData
public record BaseRow(long id, String reference, String label, String platform, String digest, String digestShort,
        String status, String statusClass, Times lastChecked, Times nextCheck, Times lastChanged, String lastError,
        int dependents, boolean explicit, int intervalSeconds, String graphHref) {}
