package dev.drydock.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "credential-set", mixinStandardHelpOptions = true,
        description = "Registry and git credentials, encrypted at rest, never shown again (az acr credential-set).",
        subcommands = {CredentialSetCommand.Create.class, CredentialSetCommand.ListSets.class,
                CredentialSetCommand.Show.class, CredentialSetCommand.Delete.class})
final class CredentialSetCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Store a credential set.",
            footer = {"", "Examples:", "  drydock credential-set create -n hub --registry docker.io -u me --password-stdin < pat.txt"})
    static final class Create extends Action {

        @Mixin
        Name name;

        @Option(names = "--registry", required = true, description = "the host it is for, e.g. docker.io or ghcr.io")
        String registry;

        @Option(names = {"-u", "--username"}, required = true)
        String username;

        @Option(names = {"-p", "--password"}, description = "the password or access token (prefer --password-stdin)")
        String password;

        @Option(names = "--password-stdin", description = "read the password from standard input")
        boolean passwordStdin;

        @Override
        public Integer call() throws IOException {
            String secret = passwordStdin
                    ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine() : password;
            if (secret == null || secret.isEmpty()) {
                throw new CliException("give the password with --password-stdin (or --password)", 2);
            }
            ObjectNode body = Api.JSON.createObjectNode().put("name", name.get()).put("registry", registry)
                    .put("username", username).put("password", secret);
            return print(api().post("/api/v1/credentials", body));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Credential sets by name (no passwords).")
    static final class ListSets extends Action {

        @Mixin
        Paging paging;

        @Override
        public Integer call() {
            return printItems(api().get(paging.path("/api/v1/credentials")));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One credential set (no password).")
    static final class Show extends Action {

        @Mixin
        Name name;

        @Override
        public Integer call() {
            return print(api().get("/api/v1/credentials/" + segment(name.get())));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove a credential set.")
    static final class Delete extends Action {

        @Mixin
        Name name;

        @Override
        public Integer call() {
            api().delete("/api/v1/credentials/" + segment(name.get()));
            return 0;
        }
    }
}
