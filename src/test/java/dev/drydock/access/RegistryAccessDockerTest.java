package dev.drydock.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.task.TaskFixtures;
import dev.drydock.testing.DockerCli;
import dev.drydock.testing.LocalRegistry;
import dev.drydock.testing.RegistryOptions;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestSigningKey;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real docker CLI and skopeo against a real Distribution that takes its tokens from drydock's token service:
 * anonymous pull off and on, and repository-scoped tokens as docker users meet them.
 */
@QuarkusTest
class RegistryAccessDockerTest {

    static LocalRegistry registry;

    @Inject
    TokenAdmin tokens;

    DockerCli docker;

    @BeforeEach
    void startRegistry() {
        docker = DockerCli.get();
        if (registry == null) {
            registry = LocalRegistry.start(RegistryOptions.token("http://127.0.0.1:" + RestAssured.port + "/service/token",
                    "drydock-registry", "drydock", TestSigningKey.certificate()));
        }
        docker.run("logout", registry.host());
    }

    @AfterEach
    void closeAnonymousPull() {
        anonymousPull(false);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    static void anonymousPull(boolean enabled) {
        given().contentType(ContentType.JSON).body("{\"anonymousPullEnabled\":" + enabled + "}").patch("/api/v1/registry")
                .then().statusCode(200);
    }

    /** An image in the registry, pushed by drydock's service identity. */
    String seed(String repository) {
        String reference = registry.host() + "/" + repository + ":1";
        TestImages.builder().credentials(TestSigningKey.SERVICE_USERNAME, TestSigningKey.SERVICE_PASSWORD).push(reference);
        return reference;
    }

    static String denied(DockerCli.Result result) {
        return result.output().toLowerCase();
    }

    @Test
    void shouldRefuseAnonymousPullsWhileOffServeThemWhileOnAndRefuseAgainOnceOff() throws Exception {
        String image = seed(TaskFixtures.unique("open") + "/app");

        DockerCli.Result refused = docker.run("pull", image);
        assertThat(refused.ok()).as(refused.output()).isFalse();
        assertThat(denied(refused)).containsAnyOf("pull access denied", "unauthorized");
        DockerCli.Result skopeo = skopeo("inspect", "--tls-verify=false", "docker://" + image);
        assertThat(skopeo.ok()).as(skopeo.output()).isFalse();
        assertThat(skopeo.output()).containsAnyOf("401", "unauthorized");

        anonymousPull(true);
        DockerCli.Result pulled = docker.run("pull", image);
        assertThat(pulled.ok()).as(pulled.output()).isTrue();
        assertThat(skopeo("inspect", "--tls-verify=false", "docker://" + image).ok()).isTrue();

        String pushTarget = registry.host() + "/" + TaskFixtures.unique("anon") + "/push:1";
        assertThat(docker.run("tag", image, pushTarget).ok()).isTrue();
        DockerCli.Result push = docker.run("push", pushTarget);
        assertThat(push.ok()).as("an anonymous push: " + push.output()).isFalse();
        assertThat(anonymousCatalogStatus()).as("anonymous GET /v2/_catalog").isEqualTo(401);

        anonymousPull(false);
        assertThat(docker.run("rmi", image).ok()).isTrue();
        DockerCli.Result again = docker.run("pull", image);
        assertThat(again.ok()).as(again.output()).isFalse();
        assertThat(denied(again)).containsAnyOf("pull access denied", "unauthorized");
    }

    @Test
    void shouldLetATokenPushAndPullOnlyWhereItsScopeMapAllowsUntilItIsDisabled() {
        String team = TaskFixtures.unique("team-a");
        String other = TaskFixtures.unique("team-b");
        String token = TaskFixtures.unique("ci");
        AccessApiTest.scopeMap(token + "-map", team + "/*", "content/read", "content/write", "metadata/read");
        AccessApiTest.token(token, token + "-map");
        String password1 = password(token, "password1");
        String password2 = password(token, "password2");

        DockerCli.Result wrong = docker.runWithInput("nope\n", "login", registry.host(), "-u", token, "--password-stdin");
        assertThat(wrong.ok()).as(wrong.output()).isFalse();
        assertThat(denied(wrong)).contains("unauthorized");
        login(token, password1);

        String mine = registry.host() + "/" + team + "/app:1";
        String theirs = registry.host() + "/" + other + "/app:1";
        assertThat(docker.importImage(mine, "hello " + token).ok()).isTrue();
        DockerCli.Result pushed = docker.run("push", mine);
        assertThat(pushed.ok()).as(pushed.output()).isTrue();
        assertThat(docker.run("rmi", mine).ok()).isTrue();
        DockerCli.Result pulled = docker.run("pull", mine);
        assertThat(pulled.ok()).as(pulled.output()).isTrue();

        assertThat(docker.run("tag", mine, theirs).ok()).isTrue();
        DockerCli.Result foreign = docker.run("push", theirs);
        assertThat(foreign.ok()).as("a push outside the scope map: " + foreign.output()).isFalse();
        assertThat(denied(foreign)).containsAnyOf("denied", "unauthorized");

        // password1 expires: its login no longer holds (docker's refresh token is refused), password2 still works.
        tokens.expirePassword(token, "password1", Instant.now().minusSeconds(1));
        String second = registry.host() + "/" + team + "/second:1";
        assertThat(docker.run("tag", mine, second).ok()).isTrue();
        DockerCli.Result expired = docker.run("push", second);
        assertThat(expired.ok()).as("a push on an expired password: " + expired.output()).isFalse();
        DockerCli.Result oldLogin = docker.runWithInput(password1 + "\n", "login", registry.host(), "-u", token,
                "--password-stdin");
        assertThat(oldLogin.ok()).as(oldLogin.output()).isFalse();
        login(token, password2);
        DockerCli.Result pushedAgain = docker.run("push", second);
        assertThat(pushedAgain.ok()).as(pushedAgain.output()).isTrue();

        given().contentType(ContentType.JSON).body("{\"status\":\"disabled\"}").patch("/api/v1/tokens/" + token)
                .then().statusCode(200);
        String third = registry.host() + "/" + team + "/third:1";
        assertThat(docker.run("tag", mine, third).ok()).isTrue();
        DockerCli.Result disabled = docker.run("push", third);
        assertThat(disabled.ok()).as("a push after the token was disabled: " + disabled.output()).isFalse();
    }

    void login(String token, String password) {
        DockerCli.Result login = docker.runWithInput(password + "\n", "login", registry.host(), "-u", token, "--password-stdin");
        assertThat(login.ok()).as(login.output()).isTrue();
    }

    static String password(String token, String name) {
        return given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}")
                .post("/api/v1/tokens/" + token + "/passwords").then().statusCode(201).extract().path("value");
    }

    /** The status of {@code GET /v2/_catalog} with the token an anonymous client gets for it. */
    static int anonymousCatalogStatus() throws IOException, InterruptedException {
        String jwt = given().header("Authorization", "").queryParam("service", "drydock-registry")
                .queryParam("scope", "registry:catalog:*").get("/service/token").then().statusCode(200).extract().path("token");
        HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + registry.host() + "/v2/_catalog")).header("Authorization", "Bearer " + jwt).build(),
                HttpResponse.BodyHandlers.discarding());
        return answer.statusCode();
    }

    static DockerCli.Result skopeo(String... args) {
        try {
            Process p = new ProcessBuilder(concat("skopeo", args)).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            return new DockerCli.Result(p.waitFor(), output);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }
}
