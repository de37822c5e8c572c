package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** A task's page: its definition in words, its dependencies and outputs, who builds FROM its outputs. */
@TemplateData
public record TaskDetail(String name, String source, String buildFile, List<Dependency> dependencies,
        List<Output> outputs, List<String> triggers, List<RunRow.Pin> args, List<String> platforms,
        String analyzedCommit, Integer timeoutSeconds, String credentials, Times created, Times updated,
        String imageTime, List<String> warnings) {

    /** An image the task builds FROM; {@code graphHref} shows what its change rebuilds. */
    @TemplateData
    public record Dependency(String reference, String label, int stage, boolean runtime, boolean pinned,
            String platform, String graphHref) {}

    /** An image the task pushes and the tasks that build FROM it. */
    @TemplateData
    public record Output(String reference, String label, List<String> usedBy) {}
}
