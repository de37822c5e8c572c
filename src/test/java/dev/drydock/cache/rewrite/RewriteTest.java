package dev.drydock.cache.rewrite;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.drydock.task.TaskFixtures;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/tasks/{name}/rewrite} against real registries and git repositories: an upstream Distribution
 * with the images a Dockerfile pulls, a wildcard cache rule whose tags were filled by imports (as a pull through the
 * front fills them), an import of the image a {@code COPY --from} names, and a git repository the task builds. The
 * dry run's diff, pinned digests, a copy that drifted from upstream, and the commit read back from a fresh clone.
 */
@QuarkusTest
class RewriteTest {

    static final String UPSTREAM = TestStack.get().upstreamRegistry().host();
    static final String PRIVATE = TestStack.get().privateRegistry().host();

    /** The images, rule and imports every test uses; made once. */
    record Scenario(String prefix, String rule, String base, String web, String tools, String cold, String drifted,
            String driftedInCache, long toolsImport) {

        String dockerfile() {
            return "# syntax=docker/dockerfile:1\n"
                    + "ARG BASE=" + UPSTREAM + "/" + prefix + "/c/base:2\n"
                    + "FROM ${BASE} AS build\n"
                    + "RUN echo build > /out\n"
                    + "FROM " + UPSTREAM + "/" + prefix + "/c/web:1.27 AS web\n"
                    + "# the tool comes from an imported image\n"
                    + "COPY --from=" + UPSTREAM + "/" + prefix + "/tools:1 /bin/tool /usr/local/bin/tool\n"
                    + "COPY --from=build /out /out\n"
                    + "FROM " + UPSTREAM + "/" + prefix + "/c/drift:1 AS drift\n"
                    + "FROM " + UPSTREAM + "/" + prefix + "/c/cold:1 AS cold\n"
                    + "FROM " + UPSTREAM + "/" + prefix + "/other:1 AS other\n"
                    + "FROM web\n";
        }

        String cached(String name) {
            return PRIVATE + "/cache/" + prefix + "/" + name;
        }

        String imported(String name) {
            return PRIVATE + "/imported/" + prefix + "/" + name;
        }
    }

    static Scenario scenario;

    @BeforeEach
    void makeTheScenarioOnce() {
        if (scenario != null) {
            return;
        }
        String prefix = TaskFixtures.unique("rw");
        String up = UPSTREAM + "/" + prefix;
        String base = TestImages.builder().randomLayer(512).push(up + "/c/base:2").digest();
        String web = TestImages.builder().randomLayer(512).push(up + "/c/web:1.27").digest();
        String drift = TestImages.builder().randomLayer(512).push(up + "/c/drift:1").digest();
        String cold = TestImages.builder().randomLayer(512).push(up + "/c/cold:1").digest();
        TestImages.builder().randomLayer(512).push(up + "/other:1");
        String tools = TestImages.builder().randomLayer(512).push(up + "/tools:1").digest();
        String rule = prefix;
        given().contentType(ContentType.JSON).body(Map.of("name", rule, "source", up + "/c/*",
                "target", "cache/" + prefix + "/*")).post("/api/v1/cache-rules").then().statusCode(201);
        // What the registry front's first pull of a tag does: an import of the tag into the rule's target.
        for (String name : List.of("base:2", "web:1.27", "drift:1")) {
            awaitSucceeded(importOf(up + "/c/" + name, "cache/" + prefix + "/" + name));
        }
        long toolsImport = importOf(up + "/tools:1", "imported/" + prefix + "/tools:1");
        awaitSucceeded(toolsImport);
        String drifted = TestImages.builder().randomLayer(512).push(up + "/c/drift:1").digest();
        scenario = new Scenario(prefix, rule, base, web, tools, cold, drifted, drift, toolsImport);
    }

    @Test
    void shouldAnswerTheDiffOfADryRunWithEveryCoveredReferenceAndWhyTheOthersStay() throws Exception {
        Scenario s = scenario;
        Origin origin = Origin.create(Map.of("web/Dockerfile", s.dockerfile()));
        String task = task(origin, "web");

        JsonPath answer = rewrite(task, "{\"to\": \"both\", \"dryRun\": true}").statusCode(200).extract().jsonPath();

        String up = UPSTREAM + "/" + s.prefix();
        assertThat(answer.getString("path")).isEqualTo("web/Dockerfile");
        assertThat(answer.getString("baseCommit")).isEqualTo(origin.main());
        assertThat(answer.getList("changes", Map.class)).extracting(c -> c.get("line"), c -> c.get("instruction"),
                c -> c.get("oldReference"), c -> c.get("newReference"), c -> c.get("digest"), c -> c.get("cacheRule"),
                c -> c.get("importId")).containsExactly(
                        tuple(2, "ARG", up + "/c/base:2", s.cached("base:2"), s.base(), s.rule(), null),
                        tuple(5, "FROM", up + "/c/web:1.27", s.cached("web:1.27"), s.web(), s.rule(), null),
                        tuple(7, "COPY --from", up + "/tools:1", s.imported("tools:1"), s.tools(), null,
                                (int) s.toolsImport()));
        assertThat(answer.getList("changes[0].usedOn", Integer.class)).containsExactly(3);
        assertThat(answer.getList("skipped", Map.class)).extracting(c -> c.get("line"), c -> c.get("upstreamDigest"),
                c -> c.get("privateDigest")).containsExactly(tuple(9, s.drifted(), s.driftedInCache()),
                        tuple(10, s.cold(), null), tuple(11, null, null));
        assertThat(answer.getString("skipped[0].reason")).startsWith("digest differs");
        assertThat(answer.getString("skipped[1].reason")).startsWith("not cached yet: " + s.cached("cold:1"));
        assertThat(answer.getString("skipped[2].reason")).contains("no cache rule covers " + up + "/other")
                .contains("no import");
        assertThat(answer.getString("diff")).isEqualTo("--- a/web/Dockerfile\n"
                + "+++ b/web/Dockerfile\n"
                + "@@ -1,10 +1,10 @@\n"
                + " # syntax=docker/dockerfile:1\n"
                + "-ARG BASE=" + up + "/c/base:2\n"
                + "+ARG BASE=" + s.cached("base:2") + "\n"
                + " FROM ${BASE} AS build\n"
                + " RUN echo build > /out\n"
                + "-FROM " + up + "/c/web:1.27 AS web\n"
                + "+FROM " + s.cached("web:1.27") + " AS web\n"
                + " # the tool comes from an imported image\n"
                + "-COPY --from=" + up + "/tools:1 /bin/tool /usr/local/bin/tool\n"
                + "+COPY --from=" + s.imported("tools:1") + " /bin/tool /usr/local/bin/tool\n"
                + " COPY --from=build /out /out\n"
                + " FROM " + up + "/c/drift:1 AS drift\n"
                + " FROM " + up + "/c/cold:1 AS cold\n");
        assertThat(answer.getString("branch")).isNull();
        assertThat(answer.getString("commit")).isNull();
        assertThat(origin.git().getRepository().exactRef("refs/heads/" + RewriteService.BRANCH))
                .as("a dry run pushes nothing").isNull();
    }

    @Test
    void shouldPinTheVerifiedDigestsAndUseOnlyCacheRulesWhenAsked() throws Exception {
        Scenario s = scenario;
        String task = task(Origin.create(Map.of("Dockerfile", s.dockerfile())), null);

        JsonPath answer = rewrite(task, "{\"to\": \"cache\", \"pinDigests\": true, \"dryRun\": true}").statusCode(200)
                .extract().jsonPath();

        assertThat(answer.getList("changes.newReference", String.class)).containsExactly(
                s.cached("base:2") + "@" + s.base(), s.cached("web:1.27") + "@" + s.web());
        assertThat(answer.getList("skipped", Map.class)).extracting(c -> c.get("line")).containsExactly(7, 9, 10, 11);
        assertThat(answer.getString("skipped[0].reason"))
                .isEqualTo("no cache rule covers " + UPSTREAM + "/" + s.prefix() + "/tools");
        assertThat(answer.getString("diff")).contains("\n+FROM " + s.cached("web:1.27") + "@" + s.web() + " AS web\n");
    }

    @Test
    void shouldKeepAPinThatIsTheVerifiedDigestAndSkipOneThatIsNot() throws Exception {
        Scenario s = scenario;
        String up = UPSTREAM + "/" + s.prefix();
        String content = "FROM " + up + "/c/web:1.27@" + s.web() + " AS web\n"
                + "FROM " + up + "/c/base:2@" + s.web() + "\n";
        String task = task(Origin.create(Map.of("Dockerfile", content)), null);

        JsonPath answer = rewrite(task, "{\"to\": \"cache\", \"dryRun\": true}").statusCode(200).extract().jsonPath();

        assertThat(answer.getList("changes.newReference", String.class))
                .containsExactly(s.cached("web:1.27") + "@" + s.web());
        assertThat(answer.getString("skipped[0].reason")).startsWith("pinned to " + s.web() + ", but " + up
                + "/c/base:2 is " + s.base());
    }

    @Test
    void shouldCommitTheRewriteToItsOwnBranchAndLeaveTheDefaultBranchAsItWas() throws Exception {
        Scenario s = scenario;
        String readme = "not touched\n";
        Origin origin = Origin.create(Map.of("web/Dockerfile", s.dockerfile(), "README.md", readme));
        String task = task(origin, "web");

        JsonPath answer = rewrite(task, "{\"to\": \"both\"}").statusCode(200).extract().jsonPath();

        assertThat(answer.getString("branch")).isEqualTo(RewriteService.BRANCH);
        assertThat(answer.getBoolean("dryRun")).isFalse();
        String up = UPSTREAM + "/" + s.prefix();
        String expected = s.dockerfile().replace(up + "/c/base:2", s.cached("base:2"))
                .replace(up + "/c/web:1.27", s.cached("web:1.27")).replace(up + "/tools:1", s.imported("tools:1"));
        Path clone = Files.createTempDirectory(TestStack.workDir(), "rewrite-clone-");
        try (Git fresh = Git.cloneRepository().setURI(origin.url()).setDirectory(clone.toFile())
                .setBranch(RewriteService.BRANCH).call()) {
            assertThat(Files.readString(clone.resolve("web/Dockerfile"))).isEqualTo(expected);
            assertThat(Files.readString(clone.resolve("README.md"))).isEqualTo(readme);
            try (RevWalk walk = new RevWalk(fresh.getRepository())) {
                RevCommit commit = walk.parseCommit(fresh.getRepository().resolve("HEAD"));
                assertThat(commit.name()).isEqualTo(answer.getString("commit"));
                assertThat(commit.getParentCount()).isEqualTo(1);
                assertThat(commit.getParent(0).name()).as("made on the task's ref").isEqualTo(origin.main());
                assertThat(commit.getAuthorIdent().getName()).isEqualTo("drydock");
                assertThat(commit.getCommitterIdent().getName()).isEqualTo("drydock");
                assertThat(commit.getFullMessage()).contains("line 5: " + up + "/c/web:1.27 -> " + s.cached("web:1.27")
                        + " (cache rule " + s.rule() + ", " + s.web() + ")");
            }
            assertThat(fresh.getRepository().resolve("refs/remotes/origin/main")).as("main, as cloned")
                    .isEqualTo(ObjectId.fromString(origin.main()));
        }
        assertThat(origin.git().getRepository().resolve("refs/heads/main")).as("the default branch")
                .isEqualTo(ObjectId.fromString(origin.main()));

        String next = origin.commit(Map.of("README.md", "changed on main\n"));
        JsonPath again = rewrite(task, "{\"to\": \"both\"}").statusCode(200).extract().jsonPath();
        try (RevWalk walk = new RevWalk(origin.git().getRepository())) {
            RevCommit reset = walk.parseCommit(origin.git().getRepository().resolve("refs/heads/" + RewriteService.BRANCH));
            assertThat(reset.name()).isEqualTo(again.getString("commit"));
            assertThat(reset.getParent(0).name()).as("the branch is reset onto the ref's new head").isEqualTo(next);
        }
    }

    @Test
    void shouldAnswerAProblemWhenTheRepositoryRefusesThePushAndLeaveTheBranch() throws Exception {
        Scenario s = scenario;
        Origin origin = Origin.create(Map.of("Dockerfile", s.dockerfile()));
        String task = task(origin, null);
        String first = rewrite(task, "{\"to\": \"cache\"}").statusCode(200).extract().path("commit");
        StoredConfig config = origin.git().getRepository().getConfig();
        config.setBoolean("receive", null, "denyNonFastForwards", true);
        config.save();
        origin.commit(Map.of("README.md", "moved on\n"));

        rewrite(task, "{\"to\": \"cache\"}").statusCode(502).contentType("application/problem+json")
                .body("title", equalTo("Push refused"))
                .body("detail", containsString(RewriteService.BRANCH));

        assertThat(origin.git().getRepository().resolve("refs/heads/" + RewriteService.BRANCH).name())
                .as("the branch as the first rewrite left it").isEqualTo(first);
    }

    @Test
    void shouldRewriteAnInlineTaskOnlyAsADryRunAndNeverCommitToTheBranchItBuilds() throws Exception {
        Scenario s = scenario;
        String name = TaskFixtures.unique("rw-inline");
        TaskFixtures.create(Map.of("name", name, "source", Map.of("inline", Map.of("files",
                Map.of("Dockerfile", "FROM " + UPSTREAM + "/" + s.prefix() + "/c/web:1.27\n"))),
                "images", List.of(TaskFixtures.privateImage(name)),
                "triggers", Map.of("baseImage", Map.of("enabled", false)))).statusCode(201);

        rewrite(name, "{\"to\": \"cache\", \"dryRun\": true}").statusCode(200)
                .body("diff", equalTo("--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1 +1 @@\n-FROM "
                        + UPSTREAM + "/" + s.prefix() + "/c/web:1.27\n+FROM " + s.cached("web:1.27") + "\n"));
        rewrite(name, "{\"to\": \"cache\"}").statusCode(409).body("detail",
                containsString("no git repository"));
        String jib = TaskFixtures.unique("rw-jib");
        TaskFixtures.create(Map.of("name", jib, "buildFile", "jib.yaml", "source", Map.of("inline", Map.of("files",
                Map.of("jib.yaml", "apiVersion: jib/v1alpha1\nkind: BuildFile\nfrom:\n  image: \"" + UPSTREAM + "/"
                        + s.prefix() + "/c/web:1.27\"  # the runtime\n"))),
                "images", List.of(TaskFixtures.privateImage(jib)),
                "triggers", Map.of("baseImage", Map.of("enabled", false)))).statusCode(201);
        rewrite(jib, "{\"to\": \"cache\", \"pinDigests\": true, \"dryRun\": true}").statusCode(200)
                .body("changes[0].instruction", equalTo("from.image"))
                .body("diff", containsString("\n+  image: \"" + s.cached("web:1.27") + "@" + s.web() + "\"  # the runtime\n"));

        Origin origin = Origin.create(Map.of("Dockerfile", s.dockerfile()));
        origin.git().branchCreate().setName(RewriteService.BRANCH).call();
        String own = TaskFixtures.unique("rw-own");
        TaskFixtures.create(gitTask(own, origin, null, RewriteService.BRANCH)).statusCode(201);
        rewrite(own, "{\"to\": \"cache\"}").statusCode(409).body("detail",
                containsString("never commits to the branch a task builds"));
        assertThat(origin.git().getRepository().resolve("refs/heads/" + RewriteService.BRANCH).name())
                .isEqualTo(origin.main());

        Origin defaulted = Origin.create(Map.of("Dockerfile", s.dockerfile()));
        defaulted.git().branchCreate().setName(RewriteService.BRANCH).call();
        defaulted.git().getRepository().updateRef(Constants.HEAD).link("refs/heads/" + RewriteService.BRANCH);
        rewrite(task(defaulted, null), "{\"to\": \"cache\"}").statusCode(409).body("detail",
                containsString(RewriteService.BRANCH + " is the default branch"));
        assertThat(defaulted.git().getRepository().resolve("refs/heads/" + RewriteService.BRANCH).name())
                .as("the default branch").isEqualTo(defaulted.main());
        rewrite("rw-no-such-task", "{\"to\": \"cache\", \"dryRun\": true}").statusCode(404);
    }

    @Test
    void shouldAnswerAnEmptyDiffAndCommitNothingWhenNothingIsCovered() throws Exception {
        Origin origin = Origin.create(Map.of("Dockerfile", "FROM " + UPSTREAM + "/" + scenario.prefix() + "/other:1\n"));
        String task = task(origin, null);

        rewrite(task, "{\"to\": \"both\"}").statusCode(200).body("diff", equalTo(""))
                .body("changes", empty()).body("commit", nullValue());

        assertThat(origin.git().getRepository().exactRef("refs/heads/" + RewriteService.BRANCH)).isNull();
    }

    static ValidatableResponse rewrite(String task, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/tasks/" + task + "/rewrite").then();
    }

    /** Registers a task building {@code origin}'s main branch; base-image runs off, so nothing builds meanwhile. */
    static String task(Origin origin, String context) {
        String name = TaskFixtures.unique("rw");
        TaskFixtures.create(gitTask(name, origin, context, "main")).statusCode(201);
        return name;
    }

    static Map<String, Object> gitTask(String name, Origin origin, String context, String ref) {
        Map<String, Object> git = context == null ? Map.of("url", origin.url(), "ref", ref)
                : Map.of("url", origin.url(), "ref", ref, "context", context);
        return Map.of("name", name, "source", Map.of("git", git), "buildFile", "Dockerfile",
                "images", List.of(TaskFixtures.privateImage(name)),
                "triggers", Map.of("baseImage", Map.of("enabled", false)));
    }

    static long importOf(String source, String target) {
        return given().contentType(ContentType.JSON).body(Map.of("source", source, "targets", List.of(target)))
                .post("/api/v1/imports").then().statusCode(202).extract().jsonPath().getLong("id");
    }

    static void awaitSucceeded(long id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        String status = "";
        while (Instant.now().isBefore(deadline)) {
            status = given().get("/api/v1/imports/" + id).then().statusCode(200).extract().path("status");
            if (status.equals("Succeeded")) {
                return;
            }
            assertThat(status).as("import " + id).isIn("Queued", "Running");
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("import " + id + " is " + status + " after 90 s");
    }

    /** A git repository on disk, on branch main, that the task builds and the rewrite pushes to. */
    record Origin(Path dir, Git git, String main) {

        static Origin create(Map<String, String> files) throws Exception {
            Path dir = Files.createTempDirectory(TestStack.workDir(), "rewrite-origin-");
            Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
            Origin origin = new Origin(dir, git, null);
            return new Origin(dir, git, origin.commit(files));
        }

        String url() {
            return dir.toUri().toString();
        }

        String commit(Map<String, String> files) throws Exception {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
            git.add().addFilepattern(".").call();
            return git.commit().setMessage("change").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .call().name();
        }
    }
}
