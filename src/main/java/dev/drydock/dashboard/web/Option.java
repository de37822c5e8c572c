package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;

/** One choice of a select control. */
@TemplateData
public record Option(String value, String label, boolean selected) {}
