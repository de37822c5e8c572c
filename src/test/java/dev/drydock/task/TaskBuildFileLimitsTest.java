package dev.drydock.task;

import static dev.drydock.task.TaskFixtures.create;
import static dev.drydock.task.TaskFixtures.privateImage;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.drydock.graph.buildfile.BuildFileAnalyzer;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A task's build file meets the same caps as the analyze endpoint: size and expansion. */
@QuarkusTest
class TaskBuildFileLimitsTest {

    @Test
    void shouldRefuseAnInlineBuildFileLongerThanTheAnalyzeEndpointTakes() {
        String name = unique("too-long");
        String content = "FROM alpine:3.20\n" + "# padding\n".repeat(BuildFileAnalyzer.MAX_CONTENT_CHARS / 10);

        create(task(name, content)).statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("field", equalTo("source.inline.files"))
                .body("detail", equalTo("the inline file Dockerfile is longer than 1000000 characters, the most a "
                        + "build file may have"));
        given().get("/api/v1/tasks/" + name).then().statusCode(404);
    }

    @Test
    void shouldRefuseAnInlineBuildFileWhoseVariablesDoublePerLine() {
        String name = unique("bomb");
        StringBuilder bomb = new StringBuilder("FROM alpine:3.20\nENV A0=x\n");
        for (int i = 1; i <= 64; i++) {
            bomb.append("ENV A").append(i).append("=${A").append(i - 1).append("}${A").append(i - 1).append("}\n");
        }

        create(task(name, bomb.toString())).statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("field", equalTo("buildFile"))
                .body("detail", equalTo("Dockerfile line 19: a value expands to more than 65536 characters"));
        given().get("/api/v1/tasks/" + name).then().statusCode(404);
    }

    private static Map<String, Object> task(String name, String dockerfile) {
        return Map.of("name", name, "source", Map.of("inline", Map.of("files", Map.of("Dockerfile", dockerfile))),
                "images", List.of(privateImage(name)));
    }
}
