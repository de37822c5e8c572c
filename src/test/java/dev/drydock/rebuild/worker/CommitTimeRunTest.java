package dev.drydock.rebuild.worker;

import static dev.drydock.task.TaskFixtures.privateImage;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.task.TaskFixtures;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;

/** The task option {@code created}: images of a run are stamped with the epoch, or with the commit's time. */
@QuarkusTest
class CommitTimeRunTest {

    static final Instant COMMITTED = Instant.parse("2026-11-30T08:15:00Z");

    @Test
    void shouldStampTheImageWithTheCommitTimeWhenCreatedIsCommit() throws Exception {
        String url = repo();
        String stamped = register(url, "commit");
        String plain = register(url, null);

        JsonNode commitConfig = Skopeo.config(privateImage(built(stamped)));
        JsonNode epochConfig = Skopeo.config(privateImage(built(plain)));

        assertThat(Instant.parse(commitConfig.path("created").asText())).isEqualTo(COMMITTED);
        assertThat(commitConfig.path("config").path("Labels").path("org.opencontainers.image.created").asText())
                .isEqualTo(COMMITTED.toString());
        assertThat(Instant.parse(epochConfig.path("created").asText())).isEqualTo(Instant.EPOCH);
    }

    private static String register(String url, String created) {
        String name = unique("dated");
        Map<String, Object> task = new java.util.HashMap<>(Map.of("name", name,
                "source", Map.of("git", Map.of("url", url, "ref", "main")), "images", List.of(privateImage(name))));
        if (created != null) {
            task.put("created", created);
        }
        TaskFixtures.create(task).statusCode(201);
        return name;
    }

    /** Runs the task and waits until the run succeeded; answers the task's name. */
    private static String built(String task) {
        long run = given().post("/api/v1/tasks/" + task + "/runs").then().statusCode(202).extract().jsonPath()
                .getLong("id");
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            String status = given().get("/api/v1/runs/" + run).then().extract().jsonPath().getString("status");
            assertThat(status).as("run " + run).isNotIn("Failed", "Error", "Canceled", "Timeout");
            return "Succeeded".equals(status);
        });
        return task;
    }

    private static String repo() throws Exception {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("dated") + ":1";
        TestImages.push(base);
        Path dir = Files.createTempDirectory(TestStack.workDir(), "git-");
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("Dockerfile"), "FROM " + base + "\nCOPY app.txt /app/\n");
            Files.writeString(dir.resolve("app.txt"), "dated\n");
            git.add().addFilepattern(".").call();
            PersonIdent committer = new PersonIdent("t", "t@example.com", COMMITTED, ZoneId.of("UTC"));
            git.commit().setMessage("first").setAuthor(committer).setCommitter(committer).call();
        }
        return dir.toUri().toString();
    }
}
