package dev.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "task", mixinStandardHelpOptions = true, description = "Build tasks and their runs (az acr task).",
        subcommands = {TaskCommand.Create.class, TaskCommand.Show.class, TaskCommand.ListTasks.class,
                TaskCommand.Update.class, TaskCommand.Delete.class, TaskCommand.Run.class, TaskCommand.Logs.class,
                TaskCommand.ListRuns.class, TaskCommand.CancelRun.class, TaskCommand.Rewrite.class})
final class TaskCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Register a task.",
            footer = {"", "Examples:",
                    "  drydock task create -n app --context https://github.com/acme/app.git#main:. --file Dockerfile \\",
                    "      --image registry.local:5000/acme/app:{{run.id}} --schedule nightly='0 3 * * *'",
                    "  drydock task create -n web --context ./web --image registry.local:5000/web:latest",
                    "  drydock task create -n legacy --rebase-image ghcr.io/acme/legacy:1.4"})
    static final class Create extends Action {

        @Mixin
        Name name;

        @Mixin
        TaskFields fields;

        @Option(names = "--dry-run", description = "validate and show what would be stored, storing nothing")
        boolean dryRun;

        @Override
        public Integer call() {
            ObjectNode spec = fields.spec(false);
            spec.put("name", name.get());
            return print(api().post(Api.path("/api/v1/tasks", "dryRun", dryRun ? "true" : null), spec));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One task.")
    static final class Show extends Action {

        @Mixin
        Name name;

        @Override
        public Integer call() {
            return print(api().get("/api/v1/tasks/" + segment(name.get())));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Tasks by name.")
    static final class ListTasks extends Action {

        @Mixin
        Paging paging;

        @Override
        public Integer call() {
            return printItems(api().get(paging.path("/api/v1/tasks")));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Change what the options name; everything else stays (a JSON merge patch).",
            footer = {"", "Examples:", "  drydock task update app --timeout 600 --commit-trigger-enabled false"})
    static final class Update extends Action {

        @Mixin
        Name name;

        @Mixin
        TaskFields fields;

        @Override
        public Integer call() {
            ObjectNode patch = fields.spec(true);
            if (patch.isEmpty()) {
                throw new CliException("nothing to change: give at least one option (drydock task update --help)", 2);
            }
            return print(api().patch("/api/v1/tasks/" + segment(name.get()), patch));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove a task.")
    static final class Delete extends Action {

        @Mixin
        Name name;

        @Override
        public Integer call() {
            api().delete("/api/v1/tasks/" + segment(name.get()));
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a task now.",
            footer = {"", "With --wait the exit code is 3 when the run does not succeed.", "", "Examples:",
                    "  drydock task run app --wait --query status"})
    static final class Run extends Action {

        @Mixin
        Name name;

        @Option(names = "--ref", description = "git ref to build (default: the task's)")
        String ref;

        @Option(names = "--commit", description = "git commit to build")
        String commit;

        @Option(names = "--arg", paramLabel = "NAME=VALUE", description = "a build argument for this run (repeatable)")
        java.util.Map<String, String> args;

        @Option(names = "--wait", description = "wait until the run ends and show it")
        boolean waitForEnd;

        @Option(names = "--logs", description = "with --wait: follow the run's log while waiting (to stderr)")
        boolean logs;

        @Override
        public Integer call() throws InterruptedException {
            ObjectNode body = Api.JSON.createObjectNode();
            if (ref != null) {
                body.put("ref", ref);
            }
            if (commit != null) {
                body.put("commit", commit);
            }
            if (args != null) {
                args.forEach(body.putObject("args")::put);
            }
            JsonNode run = api().post("/api/v1/tasks/" + segment(name.get()) + "/runs", body);
            if (!waitForEnd) {
                return print(run);
            }
            long id = run.path("id").asLong();
            if (logs) {
                Runs.log(api(), id, true, err());
            }
            JsonNode ended = Runs.waitFor(api(), id);
            print(ended);
            return "Succeeded".equals(ended.path("status").asText()) ? 0 : CliException.RUN_NOT_SUCCEEDED;
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true, description = "A run's log: the task's newest run, or --run-id.")
    static final class Logs extends Action {

        @Mixin
        Name name;

        @Option(names = "--run-id", description = "this run instead of the newest")
        Long runId;

        @Option(names = {"-f", "--follow"}, description = "keep printing lines until the run ends")
        boolean follow;

        @Override
        public Integer call() {
            long id = runId != null ? runId : Runs.latest(api(), name.get());
            Runs.log(api(), id, follow, out());
            return 0;
        }
    }

    @Command(name = "list-runs", mixinStandardHelpOptions = true, description = "Runs, newest first.",
            footer = {"", "Examples:", "  drydock task list-runs --name app --status Failed -o table"})
    static final class ListRuns extends Action {

        @Option(names = {"-n", "--name"}, description = "only this task's runs")
        String name;

        @Option(names = "--status", description = "Queued, Started, Running, Succeeded, Failed, Canceled, Error or Timeout")
        String status;

        @Option(names = "--trigger", description = "Manual, Commit, Timer or ImageUpdate")
        String trigger;

        @Mixin
        Paging paging;

        @Override
        public Integer call() {
            return printItems(api().get(paging.path("/api/v1/runs", "task", name, "status", status, "trigger", trigger)));
        }
    }

    @Command(name = "rewrite", mixinStandardHelpOptions = true,
            description = {"Point the build file's FROM and COPY --from at the private registry's copies (cache rules, "
                    + "imports), each verified to have upstream's digest.",
                    "Without --dry-run the change is committed to the branch drydock/use-private-registry of the task's "
                    + "repository and pushed; the task's own branch is never changed."},
            footer = {"", "Examples:", "  drydock task rewrite app --to cache --dry-run --query diff -o tsv",
                    "  drydock task rewrite app --to both --pin-digests --query '[branch, commit]' -o tsv"})
    static final class Rewrite extends Action {

        @Mixin
        Name name;

        @Option(names = "--to", required = true, paramLabel = "cache|imports|both",
                description = "whose copies: the cache rules', the imports', or both (a rule's first)")
        String to;

        @Option(names = "--pin-digests", description = "write the verified digest after the tag (name:tag@sha256:…)")
        boolean pinDigests;

        @Option(names = "--dry-run", description = "show the changes and the diff, commit nothing")
        boolean dryRun;

        @Override
        public Integer call() {
            return print(api().post("/api/v1/tasks/" + segment(name.get()) + "/rewrite", body()));
        }

        ObjectNode body() {
            ObjectNode body = Api.JSON.createObjectNode();
            body.put("to", to);
            body.put("pinDigests", pinDigests);
            body.put("dryRun", dryRun);
            return body;
        }
    }

    @Command(name = "cancel-run", mixinStandardHelpOptions = true,
            description = "Cancel a run: a queued one at once, a running one between steps.")
    static final class CancelRun extends Action {

        @Option(names = "--run-id", required = true)
        long runId;

        @Override
        public Integer call() {
            return print(api().post("/api/v1/runs/" + runId + "/cancel", Api.JSON.createObjectNode()));
        }
    }
}
