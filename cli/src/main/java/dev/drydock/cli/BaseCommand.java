package dev.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "base", mixinStandardHelpOptions = true, description = "The base images drydock watches.",
        subcommands = {BaseCommand.ListBases.class, BaseCommand.Show.class, BaseCommand.Check.class, BaseCommand.Update.class})
final class BaseCommand {

    /** A base named by its id or by its reference (any spelling; the platform-less entry). */
    static String id(Api api, String base) {
        if (base.matches("\\d+")) {
            return base;
        }
        JsonNode items = api.get(Api.path("/api/v1/bases", "reference", base)).path("items");
        for (JsonNode item : items) {
            if (item.path("platform").asText("").isEmpty()) {
                return item.path("id").asText();
            }
        }
        if (items.isArray() && !items.isEmpty()) {
            return items.get(0).path("id").asText();
        }
        throw new CliException("no tracked base " + base + " (drydock base list)");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Tracked bases with digest and status.",
            footer = {"", "Examples:", "  drydock base list --status failing -o table"})
    static final class ListBases extends Action {

        @Option(names = "--status", description = "ok, failing or unchecked")
        String status;

        @Option(names = "--reference", description = "only this reference (any spelling), all its platforms")
        String reference;

        @Mixin
        Paging paging;

        @Override
        public Integer call() {
            return printItems(api().get(paging.path("/api/v1/bases", "status", status, "reference", reference)));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One base, by id or reference.")
    static final class Show extends Action {

        @Parameters(paramLabel = "BASE", description = "id or reference")
        String base;

        @Override
        public Integer call() {
            return print(api().get("/api/v1/bases/" + id(api(), base)));
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Check a base now (one HEAD).")
    static final class Check extends Action {

        @Parameters(paramLabel = "BASE", description = "id or reference")
        String base;

        @Override
        public Integer call() {
            return print(api().post("/api/v1/bases/" + id(api(), base) + "/check", Api.JSON.createObjectNode()));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Change a base's check interval or credential set.",
            footer = {"", "Examples:", "  drydock base update docker.io/library/nginx:1.27 --interval 600",
                    "  drydock base update 12 --credentials ''     (removes the credential set)"})
    static final class Update extends Action {

        @Parameters(paramLabel = "BASE", description = "id or reference")
        String base;

        @Option(names = "--interval", paramLabel = "SECONDS", description = "seconds between checks; 0 for the default")
        Integer interval;

        @Option(names = "--credentials", paramLabel = "SET", description = "a credential set for its registry; '' removes it")
        String credentials;

        @Override
        public Integer call() {
            ObjectNode patch = Api.JSON.createObjectNode();
            if (interval != null) {
                if (interval == 0) {
                    patch.putNull("intervalSeconds");
                } else {
                    patch.put("intervalSeconds", interval);
                }
            }
            if (credentials != null) {
                if (credentials.isEmpty()) {
                    patch.putNull("credentials");
                } else {
                    patch.put("credentials", credentials);
                }
            }
            if (patch.isEmpty()) {
                throw new CliException("nothing to change: give --interval or --credentials", 2);
            }
            return print(api().patch("/api/v1/bases/" + id(api(), base), patch));
        }
    }
}
