package dev.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "The private registry's settings (az acr show / az acr update).",
        subcommands = {RegistryCommand.Show.class, RegistryCommand.Update.class})
final class RegistryCommand {

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Anonymous pull, the token realm and service.",
            footer = {"", "Examples:", "  drydock registry show --query anonymousPullEnabled"})
    static final class Show extends Action {

        @Override
        public Integer call() {
            return print(api().get("/api/v1/registry"));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Turn anonymous pull on or off.",
            footer = {"", "Examples:", "  drydock registry update --anonymous-pull-enabled true",
                    "Warnings the server gives (such as tokens whose read limits anonymous pull makes moot) go to stderr."})
    static final class Update extends Action {

        @Option(names = "--anonymous-pull-enabled", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", required = true,
                description = "let anyone pull (manifests, blobs, tag lists) without credentials")
        boolean anonymousPull;

        @Override
        public Integer call() {
            ObjectNode patch = Api.JSON.createObjectNode().put("anonymousPullEnabled", anonymousPull);
            JsonNode answer = api().patch("/api/v1/registry", patch);
            answer.path("warnings").forEach(w -> err().println("warning: " + w.asText()));
            return print(answer);
        }
    }
}
