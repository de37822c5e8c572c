package dev.drydock.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Repository-scoped registry tokens: a name (the registry username), a scope map, two passwords (az acr token).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Show.class,
                TokenCommand.Update.class, TokenCommand.Delete.class, TokenCommand.Credential.class})
final class TokenCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "A new token (no password yet: see token credential generate).",
            footer = {"", "Examples:", "  drydock token create -n team-a-ci --scope-map team-a",
                    "  drydock token credential generate -n team-a-ci --password1 --expiration-in-days 30 --query value -o tsv \\",
                    "      | docker login 127.0.0.1:5000 -u team-a-ci --password-stdin"})
    static final class Create extends Action {

        @Mixin
        Name name;

        @Option(names = "--scope-map", required = true)
        String scopeMap;

        @Option(names = "--status", description = "enabled (default) or disabled")
        String status;

        @Override
        public Integer call() {
            ObjectNode body = Api.JSON.createObjectNode().put("name", name.get()).put("scopeMap", scopeMap);
            if (status != null) {
                body.put("status", status);
            }
            return print(api().post("/api/v1/tokens", body));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Tokens by name.")
    static final class ListTokens extends Action {

        @Mixin
        Paging paging;

        @Override
        public Integer call() {
            return printItems(api().get(paging.path("/api/v1/tokens")));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One token, its passwords' dates (never their values).")
    static final class Show extends Action {

        @Mixin
        Name name;

        @Override
        public Integer call() {
            return print(api().get("/api/v1/tokens/" + segment(name.get())));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Another scope map, or enable/disable it (at once).",
            footer = {"", "Examples:", "  drydock token update team-a-ci --status disabled"})
    static final class Update extends Action {

        @Mixin
        Name name;

        @Option(names = "--scope-map")
        String scopeMap;

        @Option(names = "--status", description = "enabled or disabled")
        String status;

        @Override
        public Integer call() {
            ObjectNode patch = Api.JSON.createObjectNode();
            if (scopeMap != null) {
                patch.put("scopeMap", scopeMap);
            }
            if (status != null) {
                patch.put("status", status);
            }
            if (patch.isEmpty()) {
                throw new CliException("nothing to change: give --scope-map or --status", 2);
            }
            return print(api().patch("/api/v1/tokens/" + segment(name.get()), patch));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove a token: its passwords stop working at once.")
    static final class Delete extends Action {

        @Mixin
        Name name;

        @Override
        public Integer call() {
            api().delete("/api/v1/tokens/" + segment(name.get()));
            return 0;
        }
    }

    @Command(name = "credential", mixinStandardHelpOptions = true, description = "A token's passwords.",
            subcommands = {Generate.class})
    static final class Credential {
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Generate password1 or password2; it is shown this once.")
    static final class Generate extends Action {

        @Mixin
        Name name;

        @ArgGroup(multiplicity = "1")
        Which which;

        static final class Which {
            @Option(names = "--password1", required = true)
            boolean password1;

            @Option(names = "--password2", required = true)
            boolean password2;
        }

        @Option(names = "--expiration-in-days", paramLabel = "DAYS", description = "left out: it never expires")
        Integer days;

        @Override
        public Integer call() {
            ObjectNode body = Api.JSON.createObjectNode().put("name", which.password1 ? "password1" : "password2");
            if (days != null) {
                body.put("expiresInDays", days);
            }
            return print(api().post("/api/v1/tokens/" + segment(name.get()) + "/passwords", body));
        }
    }
}
