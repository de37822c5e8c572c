package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;

/** One entry of the header's navigation. */
@TemplateData
public record NavItem(String label, String href, boolean current) {}
