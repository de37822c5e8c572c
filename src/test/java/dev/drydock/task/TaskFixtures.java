package dev.drydock.task;

import static io.restassured.RestAssured.given;

import dev.drydock.testing.TestStack;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds task definitions for tests. */
public final class TaskFixtures {

    private TaskFixtures() {}

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String privateImage(String name) {
        return TestStack.get().privateRegistry().host() + "/apps/" + name + ":latest";
    }

    /** An inline task: a Dockerfile FROM {@code base} that copies one file, pushed to the private registry. */
    public static Map<String, Object> inlineTask(String name, String base) {
        return Map.of(
                "name", name,
                "source", Map.of("inline", Map.of("files", Map.of(
                        "Dockerfile", "FROM " + base + "\nCOPY app.txt /app/app.txt\nCMD [\"cat\", \"/app/app.txt\"]\n",
                        "app.txt", "hello from " + name + "\n"))),
                "images", List.of(privateImage(name)));
    }

    public static ValidatableResponse create(Map<String, Object> task) {
        return given().contentType(ContentType.JSON).body(task).post("/api/v1/tasks").then();
    }
}
