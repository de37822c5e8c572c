package dev.drydock.cache;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drydock.task.TaskFixtures;
import dev.drydock.testing.DockerCli;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real docker CLI pulling a cache target through the front: the first pull fills the cache from the upstream
 * Distribution, the next one is served from it. Skipped where dockerd cannot start.
 */
@QuarkusTest
@TestProfile(PullThroughProfile.class)
class PullThroughDockerTest {

    static final String FRONT = PullThroughProfile.FRONT;

    DockerCli docker;

    @BeforeEach
    void startDocker() {
        try {
            docker = DockerCli.get();
        } catch (RuntimeException e) {
            assumeTrue(false, "dockerd cannot start here: " + e.getMessage());
        }
        PullThroughTest.anonymousPull(true);
    }

    @AfterEach
    void closeAnonymousPull() {
        PullThroughTest.anonymousPull(false);
    }

    static JsonPath ruleOf(String name) {
        return given().get("/api/v1/cache-rules/" + name).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldPullAnUncachedTagWithDockerThroughTheFrontAndThenFromTheCache() {
        String repository = TaskFixtures.unique("docker") + "/app";
        String name = TaskFixtures.unique("docker");
        String upstream = PullThroughProfile.UPSTREAM.host() + "/" + repository + ":1";
        assertThat(docker.importImage(upstream, "hello " + name).ok()).isTrue();
        DockerCli.Result pushed = docker.run("push", upstream);
        assertThat(pushed.ok()).as(pushed.output()).isTrue();
        PullThroughTest.rule(name, PullThroughProfile.UPSTREAM.host(), repository);
        String cached = FRONT + "/cache/" + repository + ":1";

        DockerCli.Result first = docker.run("pull", cached);

        assertThat(first.ok()).as(first.output()).isTrue();
        assertThat(ruleOf(name).getLong("misses")).isEqualTo(1);
        long hits = ruleOf(name).getLong("hits");
        assertThat(docker.run("rmi", cached).ok()).isTrue();
        DockerCli.Result second = docker.run("pull", cached);
        assertThat(second.ok()).as(second.output()).isTrue();
        assertThat(ruleOf(name).getLong("misses")).as("the second pull, from the cache").isEqualTo(1);
        assertThat(ruleOf(name).getLong("hits")).isGreaterThan(hits);
        DockerCli.Result inspected = docker.run("image", "inspect", "--format",
                "{{range .RepoDigests}}{{println .}}{{end}}", cached);
        assertThat(inspected.ok()).as(inspected.output()).isTrue();
        String digestReference = inspected.output().lines().filter(l -> l.startsWith(FRONT + "/cache/")).findFirst()
                .orElseThrow(() -> new AssertionError("no digest of the cached repository in " + inspected.output()));
        DockerCli.Result byDigest = docker.run("pull", digestReference);
        assertThat(byDigest.ok()).as(byDigest.output()).isTrue();
    }
}
