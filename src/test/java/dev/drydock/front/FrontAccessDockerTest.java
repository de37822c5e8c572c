package dev.drydock.front;

import static dev.drydock.front.FrontClients.anonymousPull;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.access.TokenAdmin;
import dev.drydock.task.TaskFixtures;
import dev.drydock.testing.DockerCli;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestSigningKey;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 16's list with the real docker CLI and skopeo, through the front, as users reach the private registry. */
@QuarkusTest
@TestProfile(ThroughTheFront.class)
class FrontAccessDockerTest {

    static final String FRONT = ThroughTheFront.FRONT;

    @Inject
    TokenAdmin tokens;

    DockerCli docker;

    @BeforeEach
    void logout() {
        docker = DockerCli.get();
        docker.run("logout", FRONT);
    }

    @AfterEach
    void closeAnonymousPull() {
        anonymousPull(false);
    }

    String seed(String repository) {
        String reference = FRONT + "/" + repository + ":1";
        TestImages.builder().credentials(TestSigningKey.SERVICE_USERNAME, TestSigningKey.SERVICE_PASSWORD).push(reference);
        return reference;
    }

    @Test
    void shouldRefuseAnonymousPullsWhileOffServeThemWhileOnAndRefuseAgainOnceOff() throws Exception {
        String image = seed(TaskFixtures.unique("open") + "/app");

        DockerCli.Result refused = docker.run("pull", image);
        assertThat(refused.ok()).as(refused.output()).isFalse();
        assertThat(refused.output().toLowerCase()).containsAnyOf("pull access denied", "unauthorized");
        Process skopeo = new ProcessBuilder("skopeo", "inspect", "--tls-verify=false", "docker://" + image)
                .redirectErrorStream(true).start();
        String skopeoOutput = new String(skopeo.getInputStream().readAllBytes());
        assertThat(skopeo.waitFor()).as(skopeoOutput).isNotZero();
        assertThat(skopeoOutput).containsAnyOf("401", "unauthorized");

        anonymousPull(true);
        DockerCli.Result pulled = docker.run("pull", image);
        assertThat(pulled.ok()).as(pulled.output()).isTrue();

        String pushTarget = FRONT + "/" + TaskFixtures.unique("anon") + "/push:1";
        assertThat(docker.run("tag", image, pushTarget).ok()).isTrue();
        DockerCli.Result push = docker.run("push", pushTarget);
        assertThat(push.ok()).as("an anonymous push: " + push.output()).isFalse();
        assertThat(FrontClients.send(HttpRequest.newBuilder(URI.create("http://" + FRONT + "/v2/_catalog"))).statusCode())
                .as("anonymous GET /v2/_catalog").isEqualTo(401);

        anonymousPull(false);
        assertThat(docker.run("rmi", image).ok()).isTrue();
        DockerCli.Result again = docker.run("pull", image);
        assertThat(again.ok()).as(again.output()).isFalse();
        assertThat(again.output().toLowerCase()).containsAnyOf("pull access denied", "unauthorized");
    }

    @Test
    void shouldLetATokenPushAndPullOnlyWhereItsScopeMapAllowsSeeOnlyThatInTheCatalogUntilItIsDisabled() throws Exception {
        String team = TaskFixtures.unique("team-a");
        String other = TaskFixtures.unique("team-b");
        String token = TaskFixtures.unique("front-ci");
        String password1 = FrontClients.token(token, team + "/*", "content/read", "content/write", "metadata/read");
        String password2 = given().contentType(ContentType.JSON).body("{\"name\":\"password2\"}")
                .post("/api/v1/tokens/" + token + "/passwords").then().statusCode(201).extract().path("value");
        seed(other + "/seeded");

        DockerCli.Result wrong = docker.runWithInput("nope\n", "login", FRONT, "-u", token, "--password-stdin");
        assertThat(wrong.ok()).as(wrong.output()).isFalse();
        login(token, password1);

        String mine = FRONT + "/" + team + "/app:1";
        String theirs = FRONT + "/" + other + "/app:1";
        assertThat(docker.importImage(mine, "hello " + token).ok()).isTrue();
        DockerCli.Result pushed = docker.run("push", mine);
        assertThat(pushed.ok()).as(pushed.output()).isTrue();
        assertThat(docker.run("rmi", mine).ok()).isTrue();
        DockerCli.Result pulled = docker.run("pull", mine);
        assertThat(pulled.ok()).as(pulled.output()).isTrue();

        assertThat(docker.run("tag", mine, theirs).ok()).isTrue();
        DockerCli.Result foreign = docker.run("push", theirs);
        assertThat(foreign.ok()).as("a push outside the scope map: " + foreign.output()).isFalse();
        assertThat(foreign.output().toLowerCase()).containsAnyOf("denied", "unauthorized");

        String catalog = FrontClients.jwt(ThroughTheFront.PORT, token, password1, "registry:catalog:*");
        var listed = FrontClients.send(HttpRequest.newBuilder(URI.create("http://" + FRONT + "/v2/_catalog?n=1000"))
                .header("Authorization", "Bearer " + catalog));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(FrontClients.repositories(listed.body())).containsExactly(team + "/app");

        tokens.expirePassword(token, "password1", Instant.now().minusSeconds(1));
        String second = FRONT + "/" + team + "/second:1";
        assertThat(docker.run("tag", mine, second).ok()).isTrue();
        DockerCli.Result expired = docker.run("push", second);
        assertThat(expired.ok()).as("a push on an expired password: " + expired.output()).isFalse();
        login(token, password2);
        DockerCli.Result pushedAgain = docker.run("push", second);
        assertThat(pushedAgain.ok()).as("password2 after password1 expired: " + pushedAgain.output()).isTrue();

        given().contentType(ContentType.JSON).body("{\"status\":\"disabled\"}").patch("/api/v1/tokens/" + token)
                .then().statusCode(200);
        String third = FRONT + "/" + team + "/third:1";
        assertThat(docker.run("tag", mine, third).ok()).isTrue();
        DockerCli.Result disabled = docker.run("push", third);
        assertThat(disabled.ok()).as("a push after the token was disabled: " + disabled.output()).isFalse();
    }

    void login(String token, String password) {
        DockerCli.Result login = docker.runWithInput(password + "\n", "login", FRONT, "-u", token, "--password-stdin");
        assertThat(login.ok()).as(login.output()).isTrue();
    }
}
