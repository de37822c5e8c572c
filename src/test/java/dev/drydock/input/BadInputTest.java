package dev.drydock.input;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.task.TaskFixtures;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed requests to every endpoint: each answers a problem+json 4xx naming the field, within a second, and
 * stores nothing (the rows of every table the API writes are counted before and after, and the task the
 * updates aim at reads back unchanged).
 */
@QuarkusTest
class BadInputTest {

    static final String TASK = "{task}";
    /** Replaced by the id of the base the seed task builds FROM. */
    static final String BASE = "{base}";
    /** Replaced by the private registry's host when the request is sent. */
    static final String PRIVATE = "{private}";
    static final String GIT_SECRET = "test-git-secret";
    static final List<String> TABLES = List.of("task", "task_dependency", "task_output", "run", "run_log", "base",
            "registry_credential", "outbox_event", "processed_event", "scope_map", "registry_token", "registry_token_password",
            "import_job", "cache_rule", "cache_tag");
    static final RestAssuredConfig ONE_SECOND = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 1000).setParam("http.socket.timeout", 1000));

    static String seedTask;
    static long seedBase;

    @Inject
    AgroalDataSource db;

    /** One request and what it must answer: status and the field the problem names. */
    record Row(String name, String method, String path, String contentType, String body, Map<String, String> headers,
            int status, String field) {

        Row header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Row(this.name, method, path, contentType, body, h, status, field);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Row row(String name, String method, String path, String body, int status, String field) {
        return new Row(name, method, path, body == null ? null : "application/json", body, Map.of(), status, field);
    }

    static Row post(String name, String path, String body, String field) {
        return row(name, "POST", path, body, 400, field);
    }

    static Row get(String name, String path, String field) {
        return row(name, "GET", path, null, 400, field);
    }

    static String task(String extra) {
        return "{\"name\":\"badinput-never\",\"source\":{\"inline\":{\"files\":{\"Dockerfile\":\"FROM 127.0.0.1:1/x:1\\n\"}}},"
                + "\"images\":[\"127.0.0.1:1/apps/never:1\"]" + extra + "}";
    }

    /** A task that passes every check but what {@code extra} adds: its target is in the private registry. */
    static String privateTask(String extra) {
        return task(extra).replace("127.0.0.1:1/apps/never:1", PRIVATE + "/apps/never:1");
    }

    /** A rebase task: {@code rebase} is the object's inside, targets in the private registry. */
    static String rebaseTask(String rebase, String extra) {
        return "{\"name\":\"badinput-never\",\"rebase\":{" + rebase + "},\"images\":[\"" + PRIVATE
                + "/apps/never:1\"]" + extra + "}";
    }

    /** A cache rule that passes every check but what {@code extra} adds. */
    static String cacheRule(String extra) {
        return "{\"name\":\"badinput-never\",\"source\":\"127.0.0.1:1/library/x\",\"target\":\"cache/x\"" + extra + "}";
    }

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>(List.of(
                // tasks: registration
                post("task: unknown top-level field", "/api/v1/tasks", task(",\"colour\":\"red\""), "colour"),
                post("task: unknown nested field", "/api/v1/tasks",
                        "{\"name\":\"badinput-never\",\"source\":{\"inline\":{\"filez\":{}}}}", "source.inline.filez"),
                post("task: a number for the name", "/api/v1/tasks", task(",\"name\":5").replace("\"name\":\"badinput-never\",", ""), "name"),
                post("task: a string for images", "/api/v1/tasks", task("").replace("[\"127.0.0.1:1/apps/never:1\"]", "\"x\""), "images"),
                post("task: null inside images", "/api/v1/tasks", task("").replace("[\"127.0.0.1:1/apps/never:1\"]", "[null]"), "images[0]"),
                post("task: null build argument", "/api/v1/tasks", task(",\"args\":{\"V\":null}"), "args.V"),
                post("task: a number as build argument", "/api/v1/tasks", task(",\"args\":{\"V\":17}"), "args.V"),
                post("task: an object as build argument", "/api/v1/tasks", task(",\"args\":{\"V\":{}}"), "args.V"),
                post("task: a float timeout", "/api/v1/tasks", task(",\"timeoutSeconds\":1.5"), "timeoutSeconds"),
                post("task: a string timeout", "/api/v1/tasks", task(",\"timeoutSeconds\":\"60\""), "timeoutSeconds"),
                post("task: a boolean timeout", "/api/v1/tasks", task(",\"timeoutSeconds\":true"), "timeoutSeconds"),
                post("task: a string for a boolean", "/api/v1/tasks", task(",\"triggers\":{\"baseImage\":{\"enabled\":\"yes\"}}"),
                        "triggers.baseImage.enabled"),
                post("task: a number for a boolean", "/api/v1/tasks", task(",\"triggers\":{\"baseImage\":{\"enabled\":1}}"),
                        "triggers.baseImage.enabled"),
                post("task: null timer", "/api/v1/tasks", task(",\"triggers\":{\"timers\":[null]}"), "triggers.timers[0]"),
                post("task: a number for a schedule", "/api/v1/tasks", task(",\"triggers\":{\"timers\":[{\"name\":\"n\",\"schedule\":5}]}"),
                        "triggers.timers[0].schedule"),
                post("task: null inline file", "/api/v1/tasks", task("").replace("\"FROM 127.0.0.1:1/x:1\\n\"", "null"),
                        "source.inline.files.Dockerfile"),
                post("task: NUL in the name", "/api/v1/tasks", task("").replace("badinput-never", "bad\\u0000never"), "name"),
                post("task: a control character in a file", "/api/v1/tasks", task("").replace("x:1\\n", "x:1\\u001b[2J"),
                        "source.inline.files.Dockerfile"),
                post("task: a control character in an image", "/api/v1/tasks", task("").replace("never:1", "never:1\\u0007"), "images[0]"),
                post("task: a newline in a file name", "/api/v1/tasks", task("").replace("\"Dockerfile\"", "\"Docker\\nfile\""),
                        "source.inline.files"),
                post("task: truncated JSON", "/api/v1/tasks", "{\"name\":", "body"),
                post("task: two JSON values", "/api/v1/tasks", "{} {}", "body"),
                post("task: an array body", "/api/v1/tasks", "[]", "body"),
                post("task: a string body", "/api/v1/tasks", "\"task\"", "body"),
                post("task: a duplicate field", "/api/v1/tasks", task(",\"name\":\"other\""), "body"),
                post("task: an empty body", "/api/v1/tasks", "", "name"),
                row("task: text instead of JSON", "POST", "/api/v1/tasks", null, 415, "Content-Type")
                        .header("Content-Type", "text/plain"),
                new Row("task: a body without Content-Type", "POST", "/api/v1/tasks", null, privateTask(""), Map.of(), 415,
                        "Content-Type"),
                post("task: created is neither epoch nor commit", "/api/v1/tasks", privateTask(",\"created\":\"now\""), "created"),
                post("task: created commit for inline files", "/api/v1/tasks", privateTask(",\"created\":\"commit\""), "created"),
                post("task: an unknown git repository", "/api/v1/tasks", privateTask("").replace("{\"inline\":{\"files\":"
                        + "{\"Dockerfile\":\"FROM 127.0.0.1:1/x:1\\n\"}}}", "{\"git\":{\"url\":\"file:///nonexistent/badinput.git\"}}"),
                        "source.git.url"),
                // tasks: the rebase kind
                post("rebase task: unknown field in rebase", "/api/v1/tasks",
                        rebaseTask("\"image\":\"127.0.0.1:1/ci/app:1\",\"old\":\"x\"", ""), "rebase.old"),
                post("rebase task: no image", "/api/v1/tasks", rebaseTask("\"base\":\"127.0.0.1:1/x:1\"", ""), "rebase.image"),
                post("rebase task: an invalid image", "/api/v1/tasks", rebaseTask("\"image\":\"Not An Image!\"", ""),
                        "rebase.image"),
                post("rebase task: an invalid base", "/api/v1/tasks",
                        rebaseTask("\"image\":\"127.0.0.1:1/ci/app:1\",\"base\":\"UPPER//bad\"", ""), "rebase.base"),
                post("rebase task: a number for the image", "/api/v1/tasks", rebaseTask("\"image\":5", ""), "rebase.image"),
                post("rebase task: also a source", "/api/v1/tasks", rebaseTask("\"image\":\"127.0.0.1:1/ci/app:1\"",
                        ",\"source\":{\"inline\":{\"files\":{\"Dockerfile\":\"FROM x\"}}}"), "source"),
                post("rebase task: a build file", "/api/v1/tasks",
                        rebaseTask("\"image\":\"127.0.0.1:1/ci/app:1\"", ",\"buildFile\":\"Dockerfile\""), "buildFile"),
                post("rebase task: a commit trigger", "/api/v1/tasks", rebaseTask("\"image\":\"127.0.0.1:1/ci/app:1\"",
                        ",\"triggers\":{\"commit\":{\"enabled\":true}}"), "triggers.commit"),
                post("rebase task: the image as a target", "/api/v1/tasks",
                        rebaseTask("\"image\":\"" + PRIVATE + "/apps/never:1\",\"base\":\"127.0.0.1:1/x:1\"", ""), "images[0]"),
                row("task: NUL in the path", "GET", "/api/v1/tasks/bad%00name", null, 400, "path"),
                row("task: a newline in the path", "DELETE", "/api/v1/tasks/bad%0Aname", null, 400, "path"),
                post("task: NUL in a query parameter", "/api/v1/tasks?dryRun=%00", task(""), "dryRun"),
                post("task: a word for dryRun", "/api/v1/tasks?dryRun=maybe", task(""), "dryRun"),
                post("task: a number for dryRun", "/api/v1/tasks?dryRun=1", task(""), "dryRun"),
                post("task: yes for dryRun", "/api/v1/tasks?dryRun=yes", task(""), "dryRun"),
                post("task: a target that is no stage", "/api/v1/tasks", privateTask(",\"target\":\"runtime\""), "target"),
                post("task: a blank target", "/api/v1/tasks", privateTask(",\"target\":\" \""), "target"),
                post("task: a number for the target", "/api/v1/tasks", task(",\"target\":3"), "target"),
                post("task: a target for a jib.yaml", "/api/v1/tasks", privateTask(",\"buildFile\":\"jib.yaml\",\"target\":\"app\""),
                        "target"),
                post("rebase task: a target", "/api/v1/tasks",
                        rebaseTask("\"image\":\"127.0.0.1:1/ci/app:1\"", ",\"target\":\"app\""), "target"),
                // tasks: replace and merge-patch of an existing task
                row("put: unknown field", "PUT", "/api/v1/tasks/" + TASK, task(",\"colour\":\"red\""), 400, "colour"),
                row("put: a number for images", "PUT", "/api/v1/tasks/" + TASK, task("").replace("[\"127.0.0.1:1/apps/never:1\"]", "7"), 400, "images"),
                row("put: an array body", "PUT", "/api/v1/tasks/" + TASK, "[1]", 400, "body"),
                row("patch: a string timeout", "PATCH", "/api/v1/tasks/" + TASK, "{\"timeoutSeconds\":\"x\"}", 400, "timeoutSeconds"),
                row("patch: unknown field", "PATCH", "/api/v1/tasks/" + TASK, "{\"bogus\":1}", 400, "bogus"),
                row("patch: an array body", "PATCH", "/api/v1/tasks/" + TASK, "[]", 400, "body"),
                row("patch: null inside images", "PATCH", "/api/v1/tasks/" + TASK, "{\"images\":[null]}", 400, "images[0]"),
                row("patch: NUL in a build argument", "PATCH", "/api/v1/tasks/" + TASK, "{\"args\":{\"V\":\"a\\u0000\"}}", 400, "args.V"),
                row("patch: a float for a boolean", "PATCH", "/api/v1/tasks/" + TASK, "{\"triggers\":{\"commit\":{\"enabled\":0.0}}}",
                        400, "triggers.commit.enabled"),
                // manual runs
                post("run: null build argument", "/api/v1/tasks/" + TASK + "/runs", "{\"args\":{\"V\":null}}", "args.V"),
                post("run: a number for ref", "/api/v1/tasks/" + TASK + "/runs", "{\"ref\":5}", "ref"),
                post("run: unknown field", "/api/v1/tasks/" + TASK + "/runs", "{\"colour\":1}", "colour"),
                post("run: not JSON", "/api/v1/tasks/" + TASK + "/runs", "run please", "body"),
                post("run: an array for args", "/api/v1/tasks/" + TASK + "/runs", "{\"args\":[\"V=1\"]}", "args"),
                post("run: a control character in the path", "/api/v1/tasks/a%1Bb/runs", "{}", "path"),
                // runs
                get("runs: unknown status", "/api/v1/runs?status=Bogus", "status"),
                get("runs: unknown trigger", "/api/v1/runs?trigger=Nope", "trigger"),
                get("runs: negative page", "/api/v1/runs?page=-1", "page"),
                get("runs: size 0", "/api/v1/runs?size=0", "size"),
                get("runs: huge size", "/api/v1/runs?size=100000", "size"),
                get("runs: a word for page", "/api/v1/runs?page=abc", "page"),
                get("runs: a float for size", "/api/v1/runs?size=1.5", "size"),
                get("runs: NUL in task", "/api/v1/runs?task=%00", "task"),
                get("runs: a word for the id", "/api/v1/runs/abc", "id"),
                post("runs: cancel with a word for the id", "/api/v1/runs/abc/cancel", null, "id"),
                get("runs: log with a float id", "/api/v1/runs/1.5/log", "id"),
                get("runs: log with a word for follow", "/api/v1/runs/1/log?follow=always", "follow"),
                // bases
                post("base: a number for reference", "/api/v1/bases", "{\"reference\":5}", "reference"),
                post("base: a string interval", "/api/v1/bases", "{\"reference\":\"127.0.0.1:1/x:1\",\"intervalSeconds\":\"10\"}", "intervalSeconds"),
                post("base: a float interval", "/api/v1/bases", "{\"reference\":\"127.0.0.1:1/x:1\",\"intervalSeconds\":10.5}", "intervalSeconds"),
                post("base: unknown field", "/api/v1/bases", "{\"reference\":\"127.0.0.1:1/x:1\",\"tag\":\"y\"}", "tag"),
                post("base: an invalid reference", "/api/v1/bases", "{\"reference\":\"Not A Reference!\"}", "reference"),
                post("base: an empty object", "/api/v1/bases", "{}", "reference"),
                post("base: NUL in reference", "/api/v1/bases", "{\"reference\":\"127.0.0.1:1/x:1\\u0000\"}", "reference"),
                post("base: a number for platform", "/api/v1/bases", "{\"reference\":\"127.0.0.1:1/x:1\",\"platform\":7}", "platform"),
                post("base: an invalid platform", "/api/v1/bases", "{\"reference\":\"127.0.0.1:1/x:1\",\"platform\":\"nope\"}", "platform"),
                post("base: an object for credentials", "/api/v1/bases", "{\"reference\":\"127.0.0.1:1/x:1\",\"credentials\":{}}", "credentials"),
                get("bases: unknown status", "/api/v1/bases?status=weird", "status"),
                get("bases: size 0", "/api/v1/bases?size=0", "size"),
                get("bases: a word for size", "/api/v1/bases?size=all", "size"),
                get("freshness: a float for page", "/api/v1/freshness?page=0.5", "page"),
                get("bases: a word for the id", "/api/v1/bases/xyz", "id"),
                get("bases: a control character in reference", "/api/v1/bases?reference=%01", "reference"),
                post("bases: check with a word for the id", "/api/v1/bases/abc/check", null, "id"),
                row("base patch: unknown field", "PATCH", "/api/v1/bases/" + BASE, "{\"colour\":\"red\"}", 400, "colour"),
                row("base patch: a string interval", "PATCH", "/api/v1/bases/" + BASE, "{\"intervalSeconds\":\"10\"}", 400, "intervalSeconds"),
                row("base patch: a float interval", "PATCH", "/api/v1/bases/" + BASE, "{\"intervalSeconds\":10.5}", 400, "intervalSeconds"),
                row("base patch: an interval below the minimum", "PATCH", "/api/v1/bases/" + BASE, "{\"intervalSeconds\":1}", 400,
                        "intervalSeconds"),
                row("base patch: a number for credentials", "PATCH", "/api/v1/bases/" + BASE, "{\"credentials\":5}", 400, "credentials"),
                row("base patch: an unknown credential set", "PATCH", "/api/v1/bases/" + BASE, "{\"credentials\":\"badinput-none\"}",
                        400, "credentials"),
                row("base patch: an array body", "PATCH", "/api/v1/bases/" + BASE, "[]", 400, "body"),
                row("base patch: a word for the id", "PATCH", "/api/v1/bases/abc", "{}", 400, "id"),
                row("base delete: the seed task builds FROM it", "DELETE", "/api/v1/bases/" + BASE, null, 409, null),
                get("tasks: size 0", "/api/v1/tasks?size=0", "size"),
                get("tasks: a huge size", "/api/v1/tasks?size=100000", "size"),
                get("tasks: a negative page", "/api/v1/tasks?page=-1", "page"),
                get("credentials: a word for size", "/api/v1/credentials?size=all", "size"),
                get("credentials: a negative page", "/api/v1/credentials?page=-2", "page"),
                // credentials
                post("credential: a number for password", "/api/v1/credentials",
                        "{\"name\":\"badinput-c\",\"registry\":\"127.0.0.1:1\",\"username\":\"u\",\"password\":5}", "password"),
                post("credential: unknown field", "/api/v1/credentials",
                        "{\"name\":\"badinput-c\",\"registry\":\"127.0.0.1:1\",\"username\":\"u\",\"password\":\"p\",\"token\":\"t\"}", "token"),
                post("credential: no name", "/api/v1/credentials", "{\"registry\":\"127.0.0.1:1\",\"username\":\"u\",\"password\":\"p\"}", "name"),
                post("credential: NUL in username", "/api/v1/credentials",
                        "{\"name\":\"badinput-c\",\"registry\":\"127.0.0.1:1\",\"username\":\"u\\u0000\",\"password\":\"p\"}", "username"),
                post("credential: an array body", "/api/v1/credentials", "[]", "body"),
                get("credential: NUL in the name", "/api/v1/credentials/a%00", "path"),
                // cache rules
                post("cache rule: unknown field", "/api/v1/cache-rules", cacheRule(",\"colour\":1"), "colour"),
                post("cache rule: unknown field in syncTags", "/api/v1/cache-rules",
                        cacheRule(",\"syncTags\":{\"include\":\"^1\\\\.\",\"colour\":1}"), "syncTags.colour"),
                post("cache rule: no name", "/api/v1/cache-rules", cacheRule("").replace("\"name\":\"badinput-never\",", ""), "name"),
                post("cache rule: an upper-case name", "/api/v1/cache-rules", cacheRule("").replace("badinput-never", "Never"), "name"),
                post("cache rule: no source", "/api/v1/cache-rules", "{\"name\":\"badinput-never\",\"target\":\"cache/x\"}", "source"),
                post("cache rule: a source with a tag", "/api/v1/cache-rules", cacheRule("").replace("library/x", "library/x:1"), "source"),
                post("cache rule: a wildcard in the middle", "/api/v1/cache-rules", cacheRule("").replace("library/x", "*/x"), "source"),
                post("cache rule: a wildcard without registry", "/api/v1/cache-rules",
                        "{\"name\":\"badinput-never\",\"source\":\"library/*\",\"target\":\"cache/library/*\"}", "source"),
                post("cache rule: an exact target for a wildcard source", "/api/v1/cache-rules",
                        "{\"name\":\"badinput-never\",\"source\":\"127.0.0.1:1/library/*\",\"target\":\"cache/library\"}", "target"),
                post("cache rule: a target with a host", "/api/v1/cache-rules", cacheRule("").replace("cache/x", "127.0.0.1:1/cache/x"), "target"),
                post("cache rule: no target", "/api/v1/cache-rules", "{\"name\":\"badinput-never\",\"source\":\"127.0.0.1:1/library/x\"}", "target"),
                post("cache rule: a word for refresh", "/api/v1/cache-rules", cacheRule(",\"refresh\":\"often\""), "refresh"),
                post("cache rule: a refresh of one second", "/api/v1/cache-rules", cacheRule(",\"refresh\":\"PT1S\""), "refresh"),
                post("cache rule: a number for refresh", "/api/v1/cache-rules", cacheRule(",\"refresh\":60"), "refresh"),
                post("cache rule: an unknown credential set", "/api/v1/cache-rules", cacheRule(",\"credentialSet\":\"badinput-none\""),
                        "credentialSet"),
                post("cache rule: a broken include regex", "/api/v1/cache-rules", cacheRule(",\"syncTags\":{\"include\":\"(1\"}"),
                        "syncTags.include"),
                post("cache rule: a regex too long", "/api/v1/cache-rules", cacheRule(",\"syncTags\":{\"exclude\":\"" + "a".repeat(300)
                        + "\"}"), "syncTags.exclude"),
                post("cache rule: a bad semver range", "/api/v1/cache-rules", cacheRule(",\"syncTags\":{\"semver\":\">=one\"}"),
                        "syncTags.semver"),
                post("cache rule: syncTags on a wildcard", "/api/v1/cache-rules",
                        "{\"name\":\"badinput-never\",\"source\":\"127.0.0.1:1/library/*\",\"target\":\"cache/library/*\","
                                + "\"syncTags\":{\"include\":\".*\"}}", "syncTags"),
                post("cache rule: an array body", "/api/v1/cache-rules", "[]", "body"),
                get("cache rules: a word for size", "/api/v1/cache-rules?size=all", "size"),
                get("cache rules: a negative page", "/api/v1/cache-rules?page=-1", "page"),
                row("cache rule: unknown field in a patch", "PATCH", "/api/v1/cache-rules/badinput-none", "{\"colour\":1}", 400, "colour"),
                row("cache rule: a word for refresh in a patch", "PATCH", "/api/v1/cache-rules/badinput-none", "{\"refresh\":\"often\"}",
                        400, "refresh"),
                // imports
                post("import: unknown field", "/api/v1/imports", "{\"source\":\"127.0.0.1:1/x:1\",\"tag\":\"y\"}", "tag"),
                post("import: no source", "/api/v1/imports", "{\"targets\":[\"x:1\"]}", "source"),
                post("import: a bad source", "/api/v1/imports", "{\"source\":\"UPPER/x:1\"}", "source"),
                post("import: a number for source", "/api/v1/imports", "{\"source\":5}", "source"),
                post("import: a target with a digest", "/api/v1/imports", "{\"source\":\"127.0.0.1:1/x:1\",\"targets\":"
                        + "[\"x@sha256:" + "a".repeat(64) + "\"]}", "targets"),
                post("import: a string for targets", "/api/v1/imports", "{\"source\":\"127.0.0.1:1/x:1\",\"targets\":\"x:1\"}", "targets"),
                post("import: null inside targets", "/api/v1/imports", "{\"source\":\"127.0.0.1:1/x:1\",\"targets\":[null]}", "targets[0]"),
                post("import: a tag in an untagged repository", "/api/v1/imports",
                        "{\"source\":\"127.0.0.1:1/x:1\",\"untaggedTargetRepositories\":[\"x:1\"]}", "untaggedTargetRepositories"),
                post("import: a word for platforms", "/api/v1/imports", "{\"source\":\"127.0.0.1:1/x:1\",\"platforms\":\"some\"}", "platforms"),
                post("import: no platform", "/api/v1/imports", "{\"source\":\"127.0.0.1:1/x:1\",\"platforms\":[]}", "platforms"),
                post("import: a bad platform", "/api/v1/imports", "{\"source\":\"127.0.0.1:1/x:1\",\"platforms\":[\"amd64\"]}", "platforms"),
                post("import: a string for force", "/api/v1/imports", "{\"source\":\"127.0.0.1:1/x:1\",\"force\":\"yes\"}", "force"),
                post("import: an unknown credential set", "/api/v1/imports",
                        "{\"source\":\"127.0.0.1:1/x:1\",\"credentialSet\":\"badinput-none\"}", "credentialSet"),
                post("import: a credential set and a password", "/api/v1/imports",
                        "{\"source\":\"127.0.0.1:1/x:1\",\"credentialSet\":\"c\",\"username\":\"u\",\"password\":\"p\"}", "credentialSet"),
                post("import: a username without password", "/api/v1/imports",
                        "{\"source\":\"127.0.0.1:1/x:1\",\"username\":\"u\"}", "password"),
                post("import: a password without username", "/api/v1/imports",
                        "{\"source\":\"127.0.0.1:1/x:1\",\"password\":\"p\"}", "username"),
                post("import: an array body", "/api/v1/imports", "[]", "body"),
                get("imports: a word for size", "/api/v1/imports?size=all", "size"),
                get("imports: a negative page", "/api/v1/imports?page=-1", "page"),
                get("import: a word for the id", "/api/v1/imports/abc", "id"),
                row("import cancel: unknown job", "POST", "/api/v1/imports/999999999/cancel", null, 404, null),
                // FROM rewrites
                post("rewrite: no to", "/api/v1/tasks/" + TASK + "/rewrite", "{\"dryRun\":true}", "to"),
                post("rewrite: an empty body", "/api/v1/tasks/" + TASK + "/rewrite", "", "to"),
                post("rewrite: an unknown to", "/api/v1/tasks/" + TASK + "/rewrite", "{\"to\":\"everything\"}", "to"),
                post("rewrite: an upper-case to", "/api/v1/tasks/" + TASK + "/rewrite", "{\"to\":\"CACHE\"}", "to"),
                post("rewrite: a number for to", "/api/v1/tasks/" + TASK + "/rewrite", "{\"to\":1}", "to"),
                post("rewrite: unknown field", "/api/v1/tasks/" + TASK + "/rewrite",
                        "{\"to\":\"cache\",\"branch\":\"main\"}", "branch"),
                post("rewrite: a string for pinDigests", "/api/v1/tasks/" + TASK + "/rewrite",
                        "{\"to\":\"cache\",\"pinDigests\":\"yes\"}", "pinDigests"),
                post("rewrite: a number for dryRun", "/api/v1/tasks/" + TASK + "/rewrite", "{\"to\":\"cache\",\"dryRun\":1}",
                        "dryRun"),
                post("rewrite: an array body", "/api/v1/tasks/" + TASK + "/rewrite", "[]", "body"),
                row("rewrite: an unknown task", "POST", "/api/v1/tasks/badinput-none/rewrite",
                        "{\"to\":\"cache\",\"dryRun\":true}", 404, null),
                row("rewrite: an inline task without dryRun", "POST", "/api/v1/tasks/" + TASK + "/rewrite",
                        "{\"to\":\"both\"}", 409, null),
                // build file analysis
                post("analyze: null build argument", "/api/v1/buildfiles/analyze",
                        "{\"kind\":\"Dockerfile\",\"content\":\"FROM a\",\"args\":{\"V\":null}}", "args.V"),
                post("analyze: a number for kind", "/api/v1/buildfiles/analyze", "{\"kind\":3,\"content\":\"FROM a\"}", "kind"),
                post("analyze: a target that is no stage", "/api/v1/buildfiles/analyze",
                        "{\"kind\":\"Dockerfile\",\"content\":\"FROM a AS build\\nFROM b\",\"target\":\"test\"}", "target"),
                post("analyze: a target of a jib.yaml", "/api/v1/buildfiles/analyze",
                        "{\"kind\":\"jib.yaml\",\"content\":\"apiVersion: jib/v1alpha1\\nkind: BuildFile\\n\",\"target\":\"x\"}", "target"),
                post("analyze: unknown field", "/api/v1/buildfiles/analyze", "{\"kind\":\"Dockerfile\",\"content\":\"FROM a\",\"extra\":1}", "extra"),
                post("analyze: no kind", "/api/v1/buildfiles/analyze", "{\"content\":\"FROM a\"}", "kind"),
                post("analyze: unknown kind", "/api/v1/buildfiles/analyze", "{\"kind\":\"Makefile\",\"content\":\"all:\"}", "kind"),
                post("analyze: NUL in content", "/api/v1/buildfiles/analyze", "{\"kind\":\"Dockerfile\",\"content\":\"FROM a\\u0000\"}", "content"),
                post("analyze: an array for args", "/api/v1/buildfiles/analyze", "{\"kind\":\"Dockerfile\",\"content\":\"FROM a\",\"args\":[]}", "args"),
                post("analyze: an invalid platform", "/api/v1/buildfiles/analyze",
                        "{\"kind\":\"Dockerfile\",\"content\":\"FROM a\",\"platform\":\"nope\"}", "platform"),
                // graph
                get("graph: no image", "/api/v1/graph/dependents", "image"),
                get("graph: NUL in image", "/api/v1/graph/dependents?image=a%00", "image"),
                get("graph: an invalid image", "/api/v1/graph/dependents?image=UPPER//bad", "image"),
                // the registry's settings, scope maps, tokens and the token endpoint
                row("registry: a string for anonymousPullEnabled", "PATCH", "/api/v1/registry", "{\"anonymousPullEnabled\":\"yes\"}",
                        400, "anonymousPullEnabled"),
                row("registry: no anonymousPullEnabled", "PATCH", "/api/v1/registry", "{}", 400, "anonymousPullEnabled"),
                row("registry: unknown field", "PATCH", "/api/v1/registry", "{\"anonymousPushEnabled\":true}", 400,
                        "anonymousPushEnabled"),
                post("scope map: unknown field", "/api/v1/scope-maps", scopeMap("\"team-a/*\"", "\"content/read\"", ",\"colour\":1"),
                        "colour"),
                post("scope map: no name", "/api/v1/scope-maps", scopeMap("\"team-a/*\"", "\"content/read\"", "")
                        .replace("\"name\":\"badinput-never\",", ""), "name"),
                post("scope map: an upper-case name", "/api/v1/scope-maps", scopeMap("\"team-a/*\"", "\"content/read\"", "")
                        .replace("badinput-never", "Never"), "name"),
                post("scope map: no repositories", "/api/v1/scope-maps", "{\"name\":\"badinput-never\",\"repositories\":[]}",
                        "repositories"),
                post("scope map: null among repositories", "/api/v1/scope-maps",
                        "{\"name\":\"badinput-never\",\"repositories\":[null]}", "repositories[0]"),
                post("scope map: a wildcard in the middle", "/api/v1/scope-maps", scopeMap("\"team-*/app\"", "\"content/read\"", ""),
                        "repositories[0].repository"),
                post("scope map: an unknown action", "/api/v1/scope-maps", scopeMap("\"team-a/*\"", "\"content/read\",\"pull\"", ""),
                        "repositories[0].actions[1]"),
                post("scope map: no actions", "/api/v1/scope-maps", scopeMap("\"team-a/*\"", "", ""), "repositories[0].actions"),
                post("scope map: a string for actions", "/api/v1/scope-maps", scopeMap("\"team-a/*\"", "", "")
                        .replace("[]", "\"content/read\""), "repositories[0].actions"),
                get("scope maps: a word for size", "/api/v1/scope-maps?size=all", "size"),
                post("token: unknown field", "/api/v1/tokens", "{\"name\":\"badinput-never\",\"scopeMap\":\"x\",\"colour\":1}",
                        "colour"),
                post("token: no scope map", "/api/v1/tokens", "{\"name\":\"badinput-never\"}", "scopeMap"),
                post("token: an unknown scope map", "/api/v1/tokens", "{\"name\":\"badinput-never\",\"scopeMap\":\"badinput-none\"}",
                        "scopeMap"),
                post("token: a bad status", "/api/v1/tokens", "{\"name\":\"badinput-never\",\"scopeMap\":\"x\",\"status\":\"on\"}",
                        "status"),
                post("token: the service identity's name", "/api/v1/tokens", "{\"name\":\"drydock-service\",\"scopeMap\":\"x\"}",
                        "name"),
                get("tokens: a negative page", "/api/v1/tokens?page=-1", "page"),
                post("password: neither password1 nor password2", "/api/v1/tokens/badinput-none/passwords", "{\"name\":\"password3\"}",
                        "name"),
                post("password: expires in 0 days", "/api/v1/tokens/badinput-none/passwords",
                        "{\"name\":\"password1\",\"expiresInDays\":0}", "expiresInDays"),
                post("password: a string for expiresInDays", "/api/v1/tokens/badinput-none/passwords",
                        "{\"name\":\"password1\",\"expiresInDays\":\"30\"}", "expiresInDays"),
                get("token endpoint: another service", "/service/token?service=elsewhere", "service"),
                // webhooks, with their secrets but malformed bodies
                post("distribution webhook: not JSON", "/api/v1/webhooks/registry/distribution", "events!", "body")
                        .header("Authorization", "Bearer test-distribution-token"),
                post("distribution webhook: events not a list", "/api/v1/webhooks/registry/distribution", "{\"events\":5}", "events")
                        .header("Authorization", "Bearer test-distribution-token"),
                post("distribution webhook: no events", "/api/v1/webhooks/registry/distribution", "{\"event\":[]}", "events")
                        .header("Authorization", "Bearer test-distribution-token"),
                post("docker hub webhook: a string for repository", "/api/v1/webhooks/registry/dockerhub?secret=test-dockerhub-secret",
                        "{\"repository\":\"x\",\"push_data\":{\"tag\":\"1\"}}", "repository.repo_name"),
                post("harbor webhook: event_data not an object", "/api/v1/webhooks/registry/harbor", "{\"type\":\"PUSH_ARTIFACT\",\"event_data\":[]}",
                        "event_data.resources").header("Authorization", "test-harbor-secret"),
                signedGithub("github webhook: an array body", "[]", "body"),
                signedGithub("github webhook: not JSON", "push!", "body"),
                post("gitlab webhook: not JSON", "/api/v1/webhooks/git/gitlab", "push!", "body")
                        .header("X-Gitlab-Event", "Push Hook").header("X-Gitlab-Token", GIT_SECRET)));
        return rows.stream();
    }

    /** A scope map of one line: {@code repository} and {@code actions} are JSON text inside the line. */
    static String scopeMap(String repository, String actions, String extra) {
        return "{\"name\":\"badinput-never\",\"repositories\":[{\"repository\":" + repository + ",\"actions\":["
                + actions + "]}]" + extra + "}";
    }

    static Row signedGithub(String name, String body, String field) {
        return post(name, "/api/v1/webhooks/git/github", body, field).header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", "sha256=" + hmac(body));
    }

    static String hmac(String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(GIT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void seedOneTask() {
        if (seedTask == null) {
            String base = TestStack.get().upstreamRegistry().host() + "/bases/" + TaskFixtures.unique("badinput") + ":1";
            TestImages.push(base);
            String name = TaskFixtures.unique("badinput-seed");
            TaskFixtures.create(TaskFixtures.inlineTask(name, base)).statusCode(201);
            seedBase = given().queryParam("reference", base).get("/api/v1/bases").then().statusCode(200)
                    .extract().jsonPath().getLong("items[0].id");
            seedTask = name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void shouldRefuseNamingTheFieldQuicklyAndStoreNothing(Row row) throws Exception {
        Map<String, Long> before = counts();
        String seedBefore = given().get("/api/v1/tasks/" + seedTask).then().statusCode(200).extract().asString();

        RequestSpecification request = given().config(ONE_SECOND).urlEncodingEnabled(false).headers(row.headers());
        if (row.contentType() != null && !row.headers().containsKey("Content-Type")) {
            request.contentType(row.contentType());
        } else if (!row.headers().containsKey("Content-Type")) {
            request.noContentType();
        }
        if (row.body() != null) {
            request.body(row.body().replace(PRIVATE, TestStack.get().privateRegistry().host()).getBytes(StandardCharsets.UTF_8));
        } else if (row.headers().containsKey("Content-Type")) {
            request.body("{}");
        }
        long start = System.nanoTime();
        Response response;
        try {
            response = request.request(row.method(), row.path().replace(TASK, seedTask).replace(BASE, String.valueOf(seedBase)));
        } catch (RuntimeException e) {
            throw new AssertionError(row.name() + ": no answer within a second", e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).as(row.name() + ": " + response.asString()).isEqualTo(row.status());
        assertThat(response.contentType()).as(row.name()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("field")).as(row.name() + ": " + response.asString()).isEqualTo(row.field());
        assertThat(response.jsonPath().getString("detail")).as(row.name()).isNotBlank().doesNotContain("dev.drydock", "Exception");
        assertThat(millis).as(row.name() + " answered in ms").isLessThan(1000);
        assertThat(counts()).as(row.name() + ": rows stored").isEqualTo(before);
        assertThat(given().get("/api/v1/tasks/" + seedTask).then().statusCode(200).extract().asString())
                .as(row.name() + ": the task is unchanged").isEqualTo(seedBefore);
    }

    private Map<String, Long> counts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
                    r.next();
                    counts.put(table, r.getLong(1));
                }
            }
        }
        return counts;
    }
}
