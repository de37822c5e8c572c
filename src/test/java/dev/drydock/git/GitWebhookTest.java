package dev.drydock.git;

import static dev.drydock.task.TaskFixtures.privateImage;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.drydock.task.TaskFixtures;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

/** Push webhooks start Commit runs for matching tasks, once per delivery, and only when signed. */
@QuarkusTest
class GitWebhookTest {

    static final String SECRET = "test-git-secret";

    @Test
    void shouldQueueACommitRunForAValidGithubPushOncePerDelivery() throws Exception {
        Repo repo = repo();
        String task = registerGitTask(repo, null);
        String delivery = UUID.randomUUID().toString();
        String body = githubPush(repo, "refs/heads/main", repo.head);

        given().header("X-GitHub-Event", "push").header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", "sha256=" + GitProvider.hmac(SECRET, bytes(body)))
                .contentType("application/json").body(body)
                .post("/api/v1/webhooks/git/github").then().statusCode(202).body("runs", hasSize(1));
        given().header("X-GitHub-Event", "push").header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", "sha256=" + GitProvider.hmac(SECRET, bytes(body)))
                .contentType("application/json").body(body)
                .post("/api/v1/webhooks/git/github").then().statusCode(202).body("runs", empty());

        List<Map<String, Object>> runs = given().get("/api/v1/runs?task=" + task).then().extract().jsonPath().getList("items");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0)).containsEntry("trigger", "Commit").containsEntry("gitCommit", repo.head);
    }

    @Test
    void shouldRefuseABadSignatureAndQueueNothing() throws Exception {
        Repo repo = repo();
        String task = registerGitTask(repo, null);
        String body = githubPush(repo, "refs/heads/main", repo.head);

        given().header("X-GitHub-Event", "push").header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", "sha256=" + GitProvider.hmac("wrong", bytes(body)))
                .contentType("application/json").body(body)
                .post("/api/v1/webhooks/git/github").then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
        given().header("X-GitHub-Event", "push").contentType("application/json").body(body)
                .post("/api/v1/webhooks/git/github").then().statusCode(401);
        given().get("/api/v1/runs?task=" + task).then().body("items", empty());
    }

    @Test
    void shouldAnswerPingAndIgnoreOtherEventsWithAReason() throws Exception {
        Repo repo = repo();
        registerGitTask(repo, null);
        String body = githubPush(repo, "refs/heads/main", repo.head);
        String signature = "sha256=" + GitProvider.hmac(SECRET, bytes(body));
        given().header("X-GitHub-Event", "ping").header("X-Hub-Signature-256", signature).contentType("application/json")
                .body(body).post("/api/v1/webhooks/git/github").then().statusCode(200);
        given().header("X-GitHub-Event", "issues").header("X-Hub-Signature-256", signature).contentType("application/json")
                .body(body).post("/api/v1/webhooks/git/github").then().statusCode(202)
                .body("ignored[0]", startsWith("event 'issues' is not a push"));
        String otherBranch = githubPush(repo, "refs/heads/feature", repo.head);
        given().header("X-GitHub-Event", "push").header("X-Hub-Signature-256", "sha256=" + GitProvider.hmac(SECRET, bytes(otherBranch)))
                .contentType("application/json").body(otherBranch).post("/api/v1/webhooks/git/github").then().statusCode(202)
                .body("runs", empty());
    }

    @Test
    void shouldAcceptGitlabAndGiteaPushesAndATaskOwnSecret() throws Exception {
        Repo repo = repo();
        String task = registerGitTask(repo, "task-own-secret");
        String gitlab = """
                {"object_kind":"push","ref":"refs/heads/main","after":"%s","checkout_sha":"%s","user_username":"dev",
                 "project":{"git_http_url":"%s"},"repository":{"git_http_url":"%s"}}""".formatted(repo.head, repo.head, repo.url, repo.url);
        given().header("X-Gitlab-Event", "Push Hook").header("X-Gitlab-Token", "task-own-secret")
                .header("X-Gitlab-Event-UUID", UUID.randomUUID().toString()).contentType("application/json").body(gitlab)
                .post("/api/v1/webhooks/git/gitlab").then().statusCode(202).body("runs", hasSize(1));
        given().header("X-Gitlab-Event", "Push Hook").header("X-Gitlab-Token", "nope").contentType("application/json").body(gitlab)
                .post("/api/v1/webhooks/git/gitlab").then().statusCode(401);

        String gitea = githubPush(repo, "refs/heads/main", repo.head);
        given().header("X-Gitea-Event", "push").header("X-Gitea-Delivery", UUID.randomUUID().toString())
                .header("X-Gitea-Signature", GitProvider.hmac(SECRET, bytes(gitea))).contentType("application/json").body(gitea)
                .post("/api/v1/webhooks/git/gitea").then().statusCode(202).body("runs", hasSize(1));
        given().get("/api/v1/runs?task=" + task + "&trigger=Commit").then().body("items", hasSize(2));
    }

    @Test
    void shouldRejectAMalformedSignedPayload() {
        given().header("X-GitHub-Event", "push").header("X-Hub-Signature-256", "sha256=" + GitProvider.hmac(SECRET, bytes("{not json")))
                .contentType("application/json").body("{not json")
                .post("/api/v1/webhooks/git/github").then().statusCode(400).body("field", equalTo("body"));
    }

    record Repo(Path dir, String url, String head) {}

    static Repo repo() throws Exception {
        Path dir = Files.createTempDirectory(TestStack.workDir(), "git-");
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("Dockerfile"), "FROM " + TestStack.get().upstreamRegistry().host()
                    + "/bases/" + unique("g") + ":1\nCOPY app.txt /app/\n");
            Files.writeString(dir.resolve("app.txt"), "v1\n");
            git.add().addFilepattern(".").call();
            RevCommit commit = git.commit().setMessage("first").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
            return new Repo(dir, dir.toUri().toString(), commit.name());
        }
    }

    static String registerGitTask(Repo repo, String secret) {
        String name = unique("git-app");
        Map<String, Object> commit = secret == null ? Map.of("enabled", true, "branch", "main")
                : Map.of("enabled", true, "branch", "main", "secret", secret);
        TaskFixtures.create(Map.of("name", name,
                "source", Map.of("git", Map.of("url", repo.url(), "ref", "main")),
                "images", List.of(privateImage(name)),
                "triggers", Map.of("commit", commit))).statusCode(201);
        return name;
    }

    static String githubPush(Repo repo, String ref, String after) {
        return """
                {"ref":"%s","before":"0000000000000000000000000000000000000000","after":"%s","deleted":false,
                 "repository":{"full_name":"acme/app","clone_url":"%s","html_url":"%s"},"pusher":{"name":"dev","login":"dev"}}"""
                .formatted(ref, after, repo.url(), repo.url());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
