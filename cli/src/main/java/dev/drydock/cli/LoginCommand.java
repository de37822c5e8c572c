package dev.drydock.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Keep a server URL and API token for later commands (a file only you can read).",
        footer = {"", "Examples:", "  drydock login --server http://drydock.internal:8080 --token-stdin < token.txt",
                "  DRYDOCK_URL and DRYDOCK_TOKEN override what login keeps."})
final class LoginCommand extends Action {

    @Option(names = "--server", paramLabel = "URL", description = "drydock's URL (default: ${DEFAULT-VALUE})",
            defaultValue = Settings.DEFAULT_URL)
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "the API token (prefer --token-stdin: a flag shows in ps)")
    String token;

    @Option(names = "--token-stdin", description = "read the API token from standard input")
    boolean tokenStdin;

    @Override
    public Integer call() throws IOException {
        String secret = token;
        if (tokenStdin) {
            secret = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (secret == null || secret.isBlank()) {
            throw new CliException("give the API token with --token-stdin (or --token)", 2);
        }
        Settings settings = Settings.fromEnvironment();
        Settings.Server candidate = new Settings.Server(server.replaceAll("/+$", ""), secret.strip());
        new Api(candidate).get("/api/v1/tasks?size=1");
        settings.save(candidate);
        err().println("logged in to " + candidate.url() + " (kept in " + settings.file() + ")");
        return 0;
    }
}
