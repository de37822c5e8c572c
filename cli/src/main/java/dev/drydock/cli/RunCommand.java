package dev.drydock.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true, description = "One run of a task.",
        subcommands = {RunCommand.Show.class, RunCommand.Logs.class})
final class RunCommand {

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A run: status, trigger, cause, pins, outputs.")
    static final class Show extends Action {

        @Parameters(paramLabel = "RUN-ID")
        long id;

        @Override
        public Integer call() {
            return print(api().get("/api/v1/runs/" + id));
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true, description = "A run's log.",
            footer = {"", "Examples:", "  drydock run logs 42 --follow"})
    static final class Logs extends Action {

        @Parameters(paramLabel = "RUN-ID")
        long id;

        @Option(names = {"-f", "--follow"}, description = "keep printing lines until the run ends")
        boolean follow;

        @Override
        public Integer call() {
            Runs.log(api(), id, follow, out());
            return 0;
        }
    }
}
