package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** A task in the task list: where it comes from, what it builds FROM and pushes, and its latest run. */
@TemplateData
public record TaskRow(String name, String source, String buildFile, List<String> from, List<String> outputs,
        List<String> triggers, RunRow lastRun) {}
