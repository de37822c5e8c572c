package dev.drydock.openapi;

import static dev.drydock.openapi.GeneratedClient.get;
import static dev.drydock.openapi.GeneratedClient.invoke;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.task.TaskFixtures;
import dev.drydock.testing.DrydockStackResource;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document at /q/openapi, as a client author meets it: a real linter (Redocly CLI from npm) finds no
 * error in it, and a Java client generated from it by openapi-generator registers a task, lists tasks, checks its
 * base, runs it and reads the run against the running test stack.
 */
@QuarkusTest
class OpenApiClientTest {

    /** 1.34.x runs on the Node.js of Debian 12 (18) as well as on newer ones. */
    static final String REDOCLY = "@redocly/cli@1.34.20";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @TestHTTPResource("/")
    URL app;

    @Test
    void shouldDescribeEveryOperationWithAnIdATagTheBearerSchemeAndNoDashboardRoute() throws Exception {
        JsonNode document = JSON.readTree(spec());

        assertThat(document.at("/components/securitySchemes/apiToken/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/security/0/apiToken").isArray()).isTrue();
        List<String> operationIds = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> {
            assertThat(path.getKey()).as("a path in the API document").startsWith("/api/v1/").doesNotContain("/webhooks/");
            path.getValue().fields().forEachRemaining(op -> {
                if (METHODS.contains(op.getKey())) {
                    String where = op.getKey().toUpperCase() + " " + path.getKey();
                    assertThat(op.getValue().path("operationId").asText()).as(where + " operationId").isNotBlank();
                    assertThat(op.getValue().path("tags")).as(where + " tags").isNotEmpty();
                    assertThat(op.getValue().path("responses").has("401")).as(where + " answers 401").isTrue();
                    op.getValue().path("requestBody").path("content").forEach(content -> assertThat(
                            content.path("schema").path("type").asText()).as(where + " body").isNotEqualTo("string"));
                    operationIds.add(op.getValue().get("operationId").asText());
                }
            });
        });
        assertThat(operationIds).doesNotHaveDuplicates().contains("createTask", "listTasks", "runTask", "listRuns",
                "getRun", "getBase", "checkBase", "patchBase", "deleteBase", "createCredential");
        assertThat(document.at("/paths/~1api~1v1~1tasks/post/responses").has("201")).isTrue();
        assertThat(document.at("/paths/~1api~1v1~1tasks~1{name}~1runs/post/responses").has("202")).isTrue();
        assertThat(document.at("/paths/~1api~1v1~1bases~1{id}/delete/responses").has("204")).isTrue();
        assertThat(document.at("/paths/~1api~1v1~1bases~1{id}/delete/responses/409/content")
                .has("application/problem+json")).isTrue();
        assertThat(document.at("/components/schemas").fieldNames()).toIterable()
                .contains("Problem", "TaskSpec", "RunPage").noneMatch(n -> n.contains("Template"));
    }

    @Test
    void shouldPassTheLinterWithoutErrors() throws Exception {
        Path dir = workDir("lint");
        Path spec = writeSpec(dir);
        Processes.Result lint = Processes.run(dir, 600, List.of("npx", "--yes", REDOCLY, "lint", spec.toString(),
                "--format=json"));
        JsonNode report = JSON.readTree(lint.stdout());
        JsonNode totals = report.get("totals");
        System.out.printf("openapi lint (%s, recommended rules): %d errors, %d warnings%n", REDOCLY,
                totals.get("errors").asInt(), totals.get("warnings").asInt());
        List<String> errors = new ArrayList<>();
        report.get("problems").forEach(p -> {
            if (p.path("severity").asText().equals("error")) {
                errors.add(p.path("ruleId").asText() + " at " + p.at("/location/0/pointer").asText() + ": "
                        + p.path("message").asText());
            }
        });
        assertThat(errors).as("linter errors").isEmpty();
        assertThat(totals.get("errors").asInt()).isZero();
    }

    @Test
    void shouldGenerateAJavaClientThatRegistersListsChecksAndRunsATask() throws Exception {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + TaskFixtures.unique("client") + ":1";
        String digest = TestImages.push(base).digest();
        String name = TaskFixtures.unique("client");
        Path dir = workDir("client");
        GeneratedClient client = GeneratedClient.generate(Path.of(System.getProperty("drydock.test.openapi-generator")),
                writeSpec(dir), dir, app.toString().replaceAll("/$", ""), DrydockStackResource.ADMIN_TOKEN);
        Object tasks = client.api("Tasks");
        Object bases = client.api("Bases");
        Object runs = client.api("Runs");

        Object spec = client.model("TaskSpec", JSON.writeValueAsString(TaskFixtures.inlineTask(name, base)));
        Object created = invoke(tasks, "createTask", Map.of("taskSpec", spec));
        assertThat(get(created, "name")).isEqualTo(name);

        Object page = invoke(tasks, "listTasks", Map.of("size", 500));
        assertThat((List<?>) get(page, "items")).extracting(t -> get(t, "name")).contains(name);
        assertThat((Long) get(page, "total")).isGreaterThanOrEqualTo(1);

        Object tracked = invoke(bases, "listBases", Map.of("reference", base));
        Object baseId = get(((List<?>) get(tracked, "items")).get(0), "id");
        Object checked = invoke(bases, "checkBase", Map.of("id", baseId));
        assertThat(get(checked, "digest")).isEqualTo(digest);

        Object queued = invoke(tasks, "runTask", Map.of("name", name, "runRequest", client.model("RunRequest", "{}")));
        Object runId = get(queued, "id");
        AtomicReference<Object> run = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            run.set(invoke(runs, "getRun", Map.of("id", runId)));
            return Set.of("Succeeded", "Failed", "Error", "Timeout", "Canceled").contains(String.valueOf(get(run.get(), "status")));
        });
        assertThat(String.valueOf(get(run.get(), "status"))).isEqualTo("Succeeded");
        assertThat(get(run.get(), "task")).isEqualTo(name);
        Object listed = invoke(runs, "listRuns", Map.of("task", name));
        assertThat((List<?>) get(listed, "items")).extracting(r -> get(r, "id")).contains(runId);
    }

    private String spec() {
        return given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract().asString();
    }

    private Path writeSpec(Path dir) throws Exception {
        Path spec = dir.resolve("openapi.json");
        Files.writeString(spec, spec(), StandardCharsets.UTF_8);
        return spec;
    }

    private static Path workDir(String name) throws Exception {
        Path dir = Path.of(System.getProperty("drydock.test.work-dir", "target/test-stack")).resolveSibling("openapi").resolve(name);
        Files.createDirectories(dir);
        return dir;
    }
}
