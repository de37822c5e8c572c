package dev.drydock.front;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.task.TaskFixtures;
import dev.drydock.testing.DockerCli;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Throttling with a tiny anonymous bucket (4 at once, one more every 20 s), anonymous pull on, against the real
 * docker CLI, with 127.0.0.1 as a trusted proxy. One test:
 * the bucket of 127.0.0.1 is shared, and what empties it must come first.
 */
@QuarkusTest
@TestProfile(FrontThrottleTest.TinyAnonymousBucket.class)
class FrontThrottleTest {

    static final int BURST = 4;

    public static class TinyAnonymousBucket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("drydock.front.anonymous.rate", "0.05", "drydock.front.anonymous.burst", Integer.toString(BURST),
                    "drydock.front.token.rate", "100", "drydock.front.token.burst", "1000",
                    "drydock.front.trusted-proxies", "127.0.0.1");
        }
    }

    @Inject
    RegistryFront front;

    @Test
    void shouldThrottleAnonymousCallersBeyondTheBurstButNotTokens() throws Exception {
        // Pushed past the front: the push must not spend the bucket.
        TestImages.push(TestStack.get().privateRegistry().host() + "/throttle/app:1");
        DockerCli docker = DockerCli.get();
        FrontClients.anonymousPull(true);
        String image = "127.0.0.1:" + front.port() + "/throttle/app:1";

        int allowed = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < BURST + 1 && refused == null; i++) {
            HttpResponse<String> answer = FrontClients.send(FrontClients.manifest(front.port(), "throttle/app", "1"));
            if (answer.statusCode() == 429) {
                refused = answer;
            } else {
                assertThat(answer.statusCode()).isEqualTo(200);
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(BURST);
        assertThat(refused).as("the request after the burst").isNotNull();
        assertThat(refused.body()).contains("\"code\":\"TOOMANYREQUESTS\"");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 20L);

        String name = TaskFixtures.unique("throttled-ci");
        String password = FrontClients.token(name, "throttle/*", "content/read");
        String jwt = FrontClients.jwt(front.port(), name, password, "repository:throttle/app:pull");
        assertThat(FrontClients.send(FrontClients.manifest(front.port(), "throttle/app", "1")
                .header("Authorization", "Bearer " + jwt)).statusCode()).as("a token has its own bucket").isEqualTo(200);

        HttpResponse<String> token = FrontClients.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + front.port() + "/service/token?service=drydock")));
        assertThat(token.statusCode()).as("an anonymous token request counts against the address").isEqualTo(429);

        DockerCli.Result pull = docker.run("pull", image);
        assertThat(pull.exitCode()).isNotZero();
        assertThat(pull.output()).contains("toomanyrequests");

        // 127.0.0.1 is a trusted proxy here: the client it forwards for has a bucket of its own.
        assertThat(FrontClients.send(FrontClients.manifest(front.port(), "throttle/app", "1")
                .header("X-Forwarded-For", "203.0.113.9")).statusCode()).as("another client behind the proxy")
                .isEqualTo(200);
    }

    @AfterEach
    void closeAnonymousPull() {
        FrontClients.anonymousPull(false);
    }
}
