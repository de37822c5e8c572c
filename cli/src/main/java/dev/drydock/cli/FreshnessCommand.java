package dev.drydock.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "freshness", mixinStandardHelpOptions = true,
        description = "The tasks whose images are behind their bases, the longest behind first; or one task.",
        footer = {"", "Examples:", "  drydock freshness -o table", "  drydock freshness --name app --query upToDate"})
final class FreshnessCommand extends Action {

    @Option(names = {"-n", "--name"}, description = "one task")
    String name;

    @Mixin
    Paging paging;

    @Override
    public Integer call() {
        if (name != null) {
            return print(api().get("/api/v1/tasks/" + segment(name) + "/freshness"));
        }
        return printItems(api().get(paging.path("/api/v1/freshness")));
    }
}
