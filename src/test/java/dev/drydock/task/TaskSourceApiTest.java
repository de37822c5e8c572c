package dev.drydock.task;

import static dev.drydock.task.TaskFixtures.create;
import static dev.drydock.task.TaskFixtures.privateImage;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.drydock.source.SourceCheckout;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;

/** What registration accepts from a task's source: its URL, its paths, its build file, and the mirrors it leaves. */
@QuarkusTest
class TaskSourceApiTest {

    @Inject
    SourceCheckout sources;

    @Test
    void shouldRefuseAGitUrlCarryingCredentialsPointingToCredentialSets() {
        create(gitTask(unique("cred"), "https://builder:hunter2@git.example.com/acme/app.git"))
                .statusCode(400).contentType(startsWith("application/problem+json"))
                .body("field", equalTo("source.git.url"))
                .body("detail", containsString("credential set"))
                .body(not(containsString("hunter2")));
    }

    @Test
    void shouldRefuseSourcePathsTheCheckoutWouldRefuse() {
        create(inline(Map.of("Dockerfile", "FROM alpine:3\n", ".git/config", "[core]\n"), "Dockerfile"))
                .statusCode(400).body("field", equalTo("source.inline.files")).body("detail", containsString(".git"));
        create(inline(Map.of("Dockerfile", "FROM alpine:3\n", "a", "file", "a/b", "file below it"), "Dockerfile"))
                .statusCode(400).body("field", equalTo("source.inline.files")).body("detail", containsString("\"a\""));
        create(inline(Map.of("docker\\Dockerfile", "FROM alpine:3\n"), "docker\\Dockerfile"))
                .statusCode(400).body("field", equalTo("source.inline.files")).body("detail", containsString("backslash"));
        create(inline(Map.of("Dockerfile", "FROM alpine:3\n"), "../Dockerfile"))
                .statusCode(400).body("field", equalTo("buildFile"));
        Map<String, Object> context = gitTask(unique("ctx"), "https://git.example.com/acme/app.git");
        context.put("source", Map.of("git", Map.of("url", "https://git.example.com/acme/app.git", "context", "app/../..")));
        create(context).statusCode(400).body("field", equalTo("source.git.context"));
    }

    @Test
    void shouldRefuseABuildFileLinkedOutsideTheRepositoryWithoutReadingIt() throws Exception {
        Path secret = Files.writeString(Files.createTempFile(TestStack.workDir(), "environ", ""), "API_TOKEN=s3cr3t\n");
        String url = repo(dir -> Files.createSymbolicLink(dir.resolve("Dockerfile"), secret));

        create(gitTask(unique("link"), url)).statusCode(400)
                .body("field", equalTo("buildFile"))
                .body("detail", containsString("Dockerfile"))
                .body("detail", containsString("outside the checkout"))
                .body(not(containsString("s3cr3t")));
    }

    @Test
    void shouldKeepTheMirrorOfAStoredTaskOnly() throws Exception {
        String dockerfile = "FROM " + TestStack.get().upstreamRegistry().host() + "/bases/" + unique("m") + ":1\n";
        String dryRun = repo(dir -> Files.writeString(dir.resolve("Dockerfile"), dockerfile));
        String failed = repo(dir -> Files.writeString(dir.resolve("README.md"), "no build file\n"));
        String stored = repo(dir -> Files.writeString(dir.resolve("Dockerfile"), dockerfile));

        given().contentType(ContentType.JSON).body(gitTask(unique("dry"), dryRun)).queryParam("dryRun", true)
                .post("/api/v1/tasks").then().statusCode(200).body("stored", equalTo(false));
        create(gitTask(unique("failed"), failed)).statusCode(400).body("field", equalTo("buildFile"));
        create(gitTask(unique("stored"), stored)).statusCode(201);

        assertThat(sources.hasMirror(dryRun)).as("mirror of the dry run").isFalse();
        assertThat(sources.hasMirror(failed)).as("mirror of the failed registration").isFalse();
        assertThat(sources.hasMirror(stored)).as("mirror of the stored task").isTrue();
    }

    private static Map<String, Object> inline(Map<String, String> files, String buildFile) {
        return Map.of("name", unique("paths"), "source", Map.of("inline", Map.of("files", files)),
                "buildFile", buildFile, "images", List.of(privateImage("paths")));
    }

    private static Map<String, Object> gitTask(String name, String url) {
        return new java.util.HashMap<>(Map.of("name", name, "source", Map.of("git", Map.of("url", url, "ref", "main")),
                "images", List.of(privateImage(name))));
    }

    @FunctionalInterface
    interface RepositoryFiles {
        void write(Path dir) throws Exception;
    }

    /** A repository with one commit on main of what {@code files} writes; its file:// URL. */
    private static String repo(RepositoryFiles files) throws Exception {
        Path dir = Files.createTempDirectory(TestStack.workDir(), "git-");
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            files.write(dir);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("first").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
            return dir.toUri().toString();
        }
    }
}
