package dev.drydock.docs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.testing.DrydockStackResource;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The curl walk-through of docs/api.md, run as written: every {@code ```sh walkthrough} block, in order, as one
 * bash script against the test stack, with the ports of the test stack where {@code ./drydock up} has its own, and
 * the demo base {@code up} publishes pushed to the upstream registry first.
 */
@QuarkusTest
class ApiWalkthroughTest {

    static final Path DOC = Path.of("docs/api.md");
    static final Pattern BLOCK = Pattern.compile("^```sh walkthrough\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);

    @TestHTTPResource("/")
    URL app;

    @Test
    void shouldRunEveryStepOfTheWalkthroughAsWritten() throws Exception {
        List<String> blocks = blocks(Files.readString(DOC, StandardCharsets.UTF_8));
        assertThat(blocks).as("sh walkthrough blocks in " + DOC).hasSizeGreaterThanOrEqualTo(5);
        String digest = TestImages.push(TestStack.get().upstreamRegistry().host() + "/demo/base:1").digest();

        Path dir = Path.of(System.getProperty("drydock.test.work-dir", "target/test-stack")).resolveSibling("walkthrough");
        Files.createDirectories(dir.resolve(".drydock"));
        Files.writeString(dir.resolve(".drydock/secrets.env"), "DRYDOCK_API_TOKEN=" + DrydockStackResource.ADMIN_TOKEN + "\n");
        Path script = dir.resolve("walkthrough.sh");
        Files.writeString(script, "set -euo pipefail\n" + String.join("\n", blocks), StandardCharsets.UTF_8);

        ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile());
        bash.environment().putAll(Map.of("DRYDOCK_PORT", String.valueOf(app.getPort()),
                "DRYDOCK_UPSTREAM_PORT", port(TestStack.get().upstreamRegistry().host()),
                "DRYDOCK_REGISTRY_PORT", port(TestStack.get().privateRegistry().host())));
        Process process = bash.start();
        boolean ended = process.waitFor(180, TimeUnit.SECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = Files.readString(dir.resolve("output.txt"), StandardCharsets.UTF_8);
        System.out.println("api.md walk-through:\n" + output);

        assertThat(ended).as("the walk-through ended within 180 s:\n" + output).isTrue();
        assertThat(process.exitValue()).as("exit code of the walk-through:\n" + output).isZero();
        assertThat(output).as("the check reported the digest pushed").contains("demo/base:1 is at " + digest)
                .as("the run succeeded").contains("\"status\": \"Succeeded\"")
                .as("deleting a base the task used").contains("\"status\": 409");
        given().get("/api/v1/tasks/app").then().statusCode(404);
        given().get("/api/v1/credentials/acme-mirror").then().statusCode(404);
    }

    static List<String> blocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static String port(String host) {
        return host.substring(host.lastIndexOf(':') + 1);
    }
}
