package dev.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Copy an image, index or artifact into the private registry, byte for byte (az acr import).",
        subcommands = {ImportCommand.Show.class, ImportCommand.ListImports.class, ImportCommand.Cancel.class},
        footer = {"", "Waits for the job and shows a progress bar on a terminal; --no-wait answers with the queued job.",
                "", "Examples:", "  drydock import --source docker.io/library/nginx:1.27",
                "  drydock import --source docker.io/library/nginx:1.27 --image mirror/nginx:1.27 --platform linux/amd64",
                "  drydock import --source ghcr.io/acme/chart:1.0 --credential-set ghcr --force"})
final class ImportCommand extends Action {

    static final Set<String> ENDED = Set.of("Succeeded", "Failed", "Canceled");

    @Option(names = "--source", description = "registry/repository:tag or @sha256:…")
    String source;

    @Option(names = {"-t", "--image"}, paramLabel = "REPO[:TAG]", description = "a target (repeatable; default: the source's repository and tag)")
    List<String> images;

    @Option(names = "--repository", paramLabel = "REPO", description = "a target repository by digest only, no tag (repeatable)")
    List<String> untagged;

    @Option(names = "--platform", paramLabel = "OS/ARCH", description = "only these platforms (repeatable; a new index); default: all")
    List<String> platforms;

    @Option(names = "--force", description = "overwrite a target tag that holds another digest")
    boolean force;

    @Option(names = "--credential-set", paramLabel = "SET", description = "credentials for the source registry")
    String credentialSet;

    @Option(names = {"-u", "--username"}, description = "a source username (with --password-stdin)")
    String username;

    @Option(names = "--password-stdin", description = "read the source password or access token from standard input")
    boolean passwordStdin;

    @Option(names = "--no-wait", description = "answer with the queued job")
    boolean noWait;

    @Override
    public Integer call() throws Exception {
        if (source == null) { // not picocli's required: that would also be asked of import list/show/cancel
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--source'");
        }
        ObjectNode body = Api.JSON.createObjectNode().put("source", source);
        list(body, "targets", images);
        list(body, "untaggedTargetRepositories", untagged);
        if (platforms != null) {
            list(body, "platforms", platforms);
        }
        if (force) {
            body.put("force", true);
        }
        if (credentialSet != null) {
            body.put("credentialSet", credentialSet);
        }
        if (username != null || passwordStdin) {
            String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            body.put("username", username).put("password", password);
        }
        JsonNode job = api().post("/api/v1/imports", body);
        if (noWait) {
            return print(job);
        }
        JsonNode ended = waitFor(job.path("id").asLong());
        print(ended);
        if (!"Succeeded".equals(ended.path("status").asText())) {
            throw new CliException("import " + ended.path("id").asText() + " " + ended.path("status").asText()
                    + (ended.path("error").isTextual() ? ": " + ended.path("error").asText() : ""));
        }
        return 0;
    }

    private JsonNode waitFor(long id) throws InterruptedException {
        ProgressBar bar = System.console() != null ? new ProgressBar(err()) : null;
        long pause = 100;
        while (true) {
            JsonNode job = api().get("/api/v1/imports/" + id);
            if (bar != null) {
                bar.show(job);
            }
            if (ENDED.contains(job.path("status").asText())) {
                if (bar != null) {
                    bar.end();
                }
                return job;
            }
            Thread.sleep(pause);
            pause = Math.min(1_000, pause * 2);
        }
    }

    private static void list(ObjectNode body, String field, List<String> values) {
        if (values != null) {
            ArrayNode list = body.putArray(field);
            values.forEach(list::add);
        }
    }

    /** One line, redrawn: status, blobs and bytes done of the total, as a bar. */
    static final class ProgressBar {
        static final int WIDTH = 30;
        private final PrintWriter err;

        ProgressBar(PrintWriter err) {
            this.err = err;
        }

        void show(JsonNode job) {
            err.print("\r" + line(job));
            err.flush();
        }

        void end() {
            err.println();
            err.flush();
        }

        static String line(JsonNode job) {
            JsonNode p = job.path("progress");
            long done = p.path("bytesDone").asLong();
            long total = p.path("bytesTotal").asLong();
            int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, done * WIDTH / total);
            return String.format("%-9s [%s%s] %d/%d blobs, %s/%s", job.path("status").asText(), "#".repeat(filled),
                    " ".repeat(WIDTH - filled), p.path("blobsDone").asInt(), p.path("blobsTotal").asInt(), size(done), size(total));
        }

        static String size(long bytes) {
            if (bytes < 1024 * 1024) {
                return (bytes / 1024) + " KiB";
            }
            return String.format("%.1f MiB", bytes / 1024.0 / 1024.0);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One import job: status, progress, digests, errors.")
    static final class Show extends Action {

        @picocli.CommandLine.Parameters(paramLabel = "IMPORT-ID")
        long id;

        @Override
        public Integer call() {
            return print(api().get("/api/v1/imports/" + id));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Import jobs, newest first.")
    static final class ListImports extends Action {

        @picocli.CommandLine.Mixin
        Paging paging;

        @Override
        public Integer call() {
            return printItems(api().get(paging.path("/api/v1/imports")));
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel an import job.")
    static final class Cancel extends Action {

        @picocli.CommandLine.Parameters(paramLabel = "IMPORT-ID")
        long id;

        @Override
        public Integer call() {
            return print(api().post("/api/v1/imports/" + id + "/cancel", Api.JSON.createObjectNode()));
        }
    }
}
