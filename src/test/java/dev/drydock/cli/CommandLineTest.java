package dev.drydock.cli;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.testing.DrydockStackResource;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command line (cli/target/drydock-cli.jar, run as a user runs it: its own process, the server and token from the
 * environment or from what {@code login} kept) against the real test stack: every command group, output formats,
 * {@code --query}, exit codes and errors.
 */
@QuarkusTest
class CommandLineTest {

    static final Path JAR = Path.of("cli/target/drydock-cli.jar");
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL app;

    record Result(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    @BeforeAll
    static void buildTheJarWhenMissing() throws Exception {
        if (!Files.isRegularFile(JAR)) { // ./drydock test builds it first; a bare ./mvnw verify may not have
            Process build = new ProcessBuilder("./mvnw", "-B", "-q", "-f", "cli/pom.xml", "package", "-DskipTests")
                    .inheritIO().start();
            assertThat(build.waitFor(300, TimeUnit.SECONDS) && build.exitValue() == 0).as("the CLI jar builds").isTrue();
        }
    }

    @Test
    void shouldDriveTasksRunsAndBasesFromTheTerminal() throws Exception {
        String upstream = TestStack.get().upstreamRegistry().host();
        String registry = TestStack.get().privateRegistry().host();
        String base = upstream + "/cli/base:1";
        TestImages.push(base);
        Path context = Files.createTempDirectory("cli-context");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + base + "\nCOPY app.txt /app/\n");
        Files.writeString(context.resolve("app.txt"), "hello\n");
        Files.createSymbolicLink(context.resolve("outside"), Path.of("/etc/passwd"));

        Invocation created = cli("task", "create", "-n", "cli-app", "--context", context.toString(),
                "--image", registry + "/cli/app:latest", "--schedule", "nightly=0 3 * * *", "--timeout", "900");
        assertThat(created.exit()).as(created.err()).isZero();
        JsonNode spec = created.json().path("spec");
        assertThat(spec.path("source").path("inline").path("files").fieldNames()).toIterable()
                .as("the local directory went as inline files, the link left out").containsExactlyInAnyOrder("Dockerfile", "app.txt");
        assertThat(spec.path("triggers").path("timers").get(0).path("name").asText()).isEqualTo("nightly");
        assertThat(spec.path("timeoutSeconds").asInt()).isEqualTo(900);

        assertThat(cli("task", "show", "cli-app", "--query", "spec.images[0]").out().strip())
                .isEqualTo("\"" + registry + "/cli/app:latest\"");
        Invocation table = cli("task", "list", "-o", "table");
        assertThat(table.out().lines().findFirst().orElse("")).as("a table has a header").startsWith("Name");
        assertThat(table.out()).contains("cli-app");
        Invocation updated = cli("task", "update", "--name", "cli-app", "--commit-trigger-enabled", "false", "--timeout", "600",
                "--query", "spec.timeoutSeconds", "-o", "tsv");
        assertThat(updated.out().strip()).as(updated.err()).isEqualTo("600");

        Invocation run = cli("task", "run", "cli-app", "--wait", "--query", "status", "-o", "tsv");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("Succeeded");
        long runId = cli("task", "list-runs", "--name", "cli-app", "--query", "[0].id", "-o", "tsv").outLong();
        assertThat(cli("run", "show", String.valueOf(runId), "--query", "status", "-o", "tsv").out().strip()).isEqualTo("Succeeded");
        assertThat(cli("run", "logs", String.valueOf(runId)).out()).contains("pushed sha256:");
        assertThat(cli("freshness", "--name", "cli-app", "--query", "upToDate", "-o", "tsv").out().strip()).isEqualTo("true");

        String baseId = cli("base", "list", "--reference", base, "--query", "[0].id", "-o", "tsv").out().strip();
        assertThat(cli("base", "show", base, "--query", "id", "-o", "tsv").out().strip()).as("a base by reference").isEqualTo(baseId);
        assertThat(cli("base", "check", baseId, "--query", "status", "-o", "tsv").out().strip()).isEqualTo("ok");
        assertThat(cli("base", "update", base, "--interval", "900", "--query", "intervalSeconds", "-o", "tsv").out().strip())
                .isEqualTo("900");

        Invocation rewrite = cli("task", "rewrite", "cli-app", "--to", "cache", "--dry-run", "--query", "skipped[0].reason",
                "-o", "tsv");
        assertThat(rewrite.out().strip()).as(rewrite.err()).isEqualTo("no cache rule covers " + upstream + "/cli/base");
        Invocation commit = cli("task", "rewrite", "cli-app", "--to", "both");
        assertThat(commit.exit()).isEqualTo(1);
        assertThat(commit.err()).contains("no git repository").contains("[HTTP 409]");

        assertThat(cli("task", "delete", "cli-app").exit()).isZero();
        given().get("/api/v1/tasks/cli-app").then().statusCode(404);
    }

    @Test
    void shouldFollowTheLogOfALiveRunUntilItEnds() throws Exception {
        String registry = TestStack.get().privateRegistry().host();
        String base = TestStack.get().upstreamRegistry().host() + "/cli/follow:1";
        TestImages.push(base);
        assertThat(cli("task", "create", "-n", "cli-follow", "--spec", "-", "--image", registry + "/cli/follow:latest")
                .withInput("{\"source\":{\"inline\":{\"files\":{\"Dockerfile\":\"FROM " + base + "\\nCOPY a /a\\n\",\"a\":\"1\"}}}}")
                .exit()).isZero();
        JsonNode queued = cli("task", "run", "cli-follow").json();
        assertThat(queued.path("status").asText()).as("without --wait the queued run is shown").isIn("Queued", "Started", "Running");

        Invocation followed = cli("task", "logs", "cli-follow", "--follow");

        assertThat(followed.exit()).as(followed.err()).isZero();
        assertThat(followed.out()).as("the followed log runs to the push").contains("pushed sha256:");
        given().get("/api/v1/runs/" + queued.path("id").asLong()).then().body("status", org.hamcrest.Matchers.equalTo("Succeeded"));
        cli("task", "delete", "cli-follow");
    }

    @Test
    void shouldAnswerThreeWhenAWaitedRunFails() throws Exception {
        String registry = TestStack.get().privateRegistry().host();
        String base = TestStack.get().upstreamRegistry().host() + "/cli/fails:1";
        TestImages.push(base);
        Path context = Files.createTempDirectory("cli-fails");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + base + "\nCOPY missing.txt /app/\n");
        assertThat(cli("task", "create", "-n", "cli-fails", "-c", context.toString(), "-t", registry + "/cli/fails:latest").exit())
                .isZero();

        Invocation run = cli("task", "run", "cli-fails", "--wait", "--query", "status", "-o", "tsv");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out().strip()).isIn("Failed", "Error");
        cli("task", "delete", "cli-fails");
    }

    @Test
    void shouldSayInOneLineWhatIsWrongAndWithWhichField() throws Exception {
        Invocation bad = cli("task", "create", "-n", "Not A Name", "--spec", "-").withInput("{\"images\":[\"x\"]}");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err().strip()).as("one line").doesNotContain("\n").startsWith("error: ").contains("HTTP 400");
        assertThat(bad.err()).containsAnyOf("name", "source", "images");
        given().get("/api/v1/tasks/Not A Name").then().statusCode(404);

        Invocation missing = cli("run", "show", "987654321");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error: ").contains("HTTP 404");

        Invocation usage = cli("task", "create", "--no-such-flag");
        assertThat(usage.exit()).as("a usage error").isEqualTo(2);
        assertThat(usage.err()).contains("--no-such-flag");
        assertThat(cli("base", "list", "--query", "[[").exit()).as("a query that does not parse").isEqualTo(2);

        Invocation noToken = cliAs(Map.of("DRYDOCK_URL", url()), "task", "list");
        assertThat(noToken.exit()).isEqualTo(1);
        assertThat(noToken.err()).contains("HTTP 401").contains("drydock login");
    }

    @Test
    void shouldKeepTheServerAndTokenOnLoginForLaterCommands() throws Exception {
        Path config = Files.createTempDirectory("cli-config");
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", config.toString());
        Invocation login = cliAs(env, "login", "--server", url(), "--token-stdin").withInput(DrydockStackResource.ADMIN_TOKEN + "\n");
        assertThat(login.exit()).as(login.err()).isZero();
        Path file = config.resolve("drydock/config.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        Invocation listed = cliAs(env, "credential-set", "create", "-n", "cli-creds", "--registry", "registry.example:5000",
                "-u", "ci", "--password-stdin").withInput("s3cret\n");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).doesNotContain("s3cret");
        assertThat(cliAs(env, "credential-set", "list", "--query", "[].name").out()).contains("cli-creds");
        assertThat(cliAs(env, "credential-set", "show", "cli-creds", "--query", "registry", "-o", "tsv").out().strip())
                .isEqualTo("registry.example:5000");
        assertThat(cliAs(env, "credential-set", "delete", "cli-creds").exit()).isZero();

        Invocation wrong = cliAs(Map.of("XDG_CONFIG_HOME", config.toString()), "login", "--server", url(), "--token", "wrong");
        assertThat(wrong.exit()).as("a token the server refuses is not kept").isEqualTo(1);
        assertThat(Files.readString(file)).contains(DrydockStackResource.ADMIN_TOKEN);
    }

    @Test
    void shouldPrintABashCompletionScript() throws Exception {
        Invocation completion = cli("generate-completion");
        assertThat(completion.exit()).isZero();
        assertThat(completion.out()).contains("complete -F").contains("task").contains("credential-set");
    }

    @Test
    void shouldManageScopeMapsTokensAndTheAnonymousPullSetting() throws Exception {
        assertThat(cli("scope-map", "create", "cli-team", "--repository", "cli-team/*", "content/read", "content/write",
                "--description", "CLI team").exit()).isZero();
        Invocation updated = cli("scope-map", "update", "cli-team", "--add-repository", "shared/base", "content/read",
                "--remove-repository", "cli-team/*", "content/write");
        assertThat(updated.exit()).as(updated.err()).isZero();
        JsonNode lines = cli("scope-map", "show", "cli-team", "--query", "repositories").json();
        assertThat(lines.toString()).isEqualTo("[{\"repository\":\"cli-team/*\",\"actions\":[\"content/read\"]},"
                + "{\"repository\":\"shared/base\",\"actions\":[\"content/read\"]}]");
        assertThat(cli("scope-map", "list", "--query", "[].name").out()).contains("cli-team");

        assertThat(cli("token", "create", "-n", "cli-ci", "--scope-map", "cli-team").exit()).isZero();
        String password = cli("token", "credential", "generate", "-n", "cli-ci", "--password1", "--expiration-in-days", "30",
                "--query", "value", "-o", "tsv").out().strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        Invocation shown = cli("token", "show", "cli-ci");
        assertThat(shown.out()).contains("password1").doesNotContain(password);
        assertThat(cli("token", "credential", "generate", "-n", "cli-ci").exit()).as("which password is a usage error").isEqualTo(2);
        assertThat(cli("token", "update", "cli-ci", "--status", "disabled", "--query", "status", "-o", "tsv").out().strip())
                .isEqualTo("disabled");
        assertThat(cli("token", "list", "--query", "[].name").out()).contains("cli-ci");

        assertThat(cli("registry", "show", "--query", "anonymousPullEnabled").out().strip()).isEqualTo("false");
        Invocation opened = cli("registry", "update", "--anonymous-pull-enabled", "true", "--query", "anonymousPullEnabled");
        try {
            assertThat(opened.out().strip()).as(opened.err()).isEqualTo("true");
            assertThat(opened.err()).as("tokens exist: the server's warning is shown").startsWith("warning: ");
        } finally {
            assertThat(cli("registry", "update", "--anonymous-pull-enabled", "false", "--query", "anonymousPullEnabled")
                    .out().strip()).isEqualTo("false");
        }
        Invocation inUse = cli("scope-map", "delete", "cli-team");
        assertThat(inUse.exit()).as("a scope map a token uses").isEqualTo(1);
        assertThat(inUse.err()).contains("HTTP 409");
        assertThat(cli("token", "delete", "cli-ci").exit()).isZero();
        assertThat(cli("scope-map", "delete", "cli-team").exit()).isZero();
    }

    @Test
    void shouldManageCacheRules() throws Exception {
        Invocation created = cli("cache", "create", "-n", "cli-nginx", "--source-repo", "docker.io/library/cli-nginx",
                "--target-repo", "cache/cli-nginx", "--refresh", "PT1M", "--sync-include", "^1\\.2[0-9]",
                "--sync-semver", ">=1.25 <2");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.json().path("syncTags").path("semver").asText()).isEqualTo(">=1.25 <2");
        assertThat(cli("cache", "list", "--query", "[].name").out()).contains("cli-nginx");
        assertThat(cli("cache", "show", "cli-nginx", "--query", "target", "-o", "tsv").out().strip())
                .isEqualTo("cache/cli-nginx");

        Invocation updated = cli("cache", "update", "cli-nginx", "--refresh", "PT10M", "--query", "refresh", "-o", "tsv");
        assertThat(updated.out().strip()).as(updated.err()).isEqualTo("PT10M");
        given().header("Authorization", "Bearer " + DrydockStackResource.ADMIN_TOKEN)
                .get("/api/v1/cache-rules/cli-nginx").then().statusCode(200)
                .body("refresh", org.hamcrest.Matchers.equalTo("PT10M"));
        Invocation table = cli("cache", "list", "-o", "table");
        assertThat(table.out()).as("a table with a header row").containsPattern("(?m)^.*(?i:name).*$").contains("cli-nginx");

        Invocation nothing = cli("cache", "update", "cli-nginx");
        assertThat(nothing.exit()).as("an update with nothing to change is a usage error").isEqualTo(2);
        Invocation badRange = cli("cache", "update", "cli-nginx", "--sync-semver", "not a range");
        assertThat(badRange.exit()).isEqualTo(1);
        assertThat(badRange.err().strip()).doesNotContain("\n").contains("HTTP 400").contains("syncTags.semver");
        Invocation overlap = cli("cache", "create", "-n", "cli-nginx-2", "--source-repo", "docker.io/library/cli-nginx",
                "--target-repo", "cache/cli-nginx-2");
        assertThat(overlap.exit()).as("a second rule for the same source").isEqualTo(1);
        assertThat(overlap.err()).contains("HTTP 409");

        assertThat(cli("cache", "delete", "cli-nginx").exit()).isZero();
        Invocation gone = cli("cache", "show", "cli-nginx");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("HTTP 404");
    }

    @Test
    void shouldImportWithAProgressBarOnATerminal() throws Exception {
        String source = TestStack.get().upstreamRegistry().host() + "/cli/imported:1";
        String digest = TestImages.push(source).digest();
        String target = "cli/imported-copy:1";

        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString(),
                "import", "--source", source, "--image", target, "-o", "json"));
        ProcessBuilder pty = new ProcessBuilder("script", "-qec", String.join(" ", command), "/dev/null");
        pty.environment().putAll(Map.of("DRYDOCK_URL", url(), "DRYDOCK_TOKEN", DrydockStackResource.ADMIN_TOKEN,
                "XDG_CONFIG_HOME", Files.createTempDirectory("cli-pty").toString()));
        Path out = Files.createTempFile("cli-pty", ".out");
        Process process = pty.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the import ended").isTrue();
        String terminal = Files.readString(out);

        assertThat(process.exitValue()).as(terminal).isZero();
        assertThat(terminal).as("a progress bar drawn on the terminal").contains("\r").containsPattern("\\d+/\\d+ blobs")
                .contains("Succeeded");
        assertThat(terminal).contains(digest);
        Invocation list = cli("import", "list", "--query", "[?source=='" + source + "'] | [0]");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.json().path("targetDigest").asText()).as(list.out()).isEqualTo(digest);
        Invocation missing = cli("import", "--source", TestStack.get().upstreamRegistry().host() + "/cli/nothing-here:1");
        assertThat(missing.exit()).as("an import that fails answers 1").isEqualTo(1);
        assertThat(missing.err()).startsWith("error: import ").contains("Failed");
    }

    // --- running the CLI -------------------------------------------------------------------------------------

    private String url() {
        return "http://" + app.getHost() + ":" + app.getPort();
    }

    private Invocation cli(String... args) {
        return cliAs(Map.of("DRYDOCK_URL", url(), "DRYDOCK_TOKEN", DrydockStackResource.ADMIN_TOKEN), args);
    }

    private Invocation cliAs(Map<String, String> env, String... args) {
        return new Invocation(env, args);
    }

    /** One run of the CLI; runs when its result is first asked for, so a test can give it standard input first. */
    static final class Invocation {
        private final Map<String, String> env;
        private final String[] args;
        private String input = "";
        private Result result;

        Invocation(Map<String, String> env, String[] args) {
            this.env = env;
            this.args = args;
        }

        Invocation withInput(String input) {
            this.input = input;
            return this;
        }

        int exit() { return result().exit(); }
        String out() { return result().out(); }
        String err() { return result().err(); }
        JsonNode json() throws IOException { return result().json(); }
        long outLong() { return Long.parseLong(out().strip()); }

        private Result result() {
            if (result == null) {
                result = run();
            }
            return result;
        }

        private Result run() {
            try {
                List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
                command.addAll(List.of(args));
                ProcessBuilder builder = new ProcessBuilder(command);
                builder.environment().remove("DRYDOCK_URL");
                builder.environment().remove("DRYDOCK_TOKEN");
                builder.environment().put("XDG_CONFIG_HOME", Files.createTempDirectory("cli-none").toString());
                builder.environment().putAll(env);
                Path out = Files.createTempFile("cli", ".out");
                Path err = Files.createTempFile("cli", ".err");
                Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().close();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("drydock " + String.join(" ", args) + " did not end within 120 s");
                }
                return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
