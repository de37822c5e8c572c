package dev.drydock.input;

import static dev.drydock.task.TaskFixtures.privateImage;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.sun.net.httpserver.HttpServer;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The mistakes a new user makes first, and answers that say what to do instead. */
@QuarkusTest
class CommonMistakesTest {

    @Test
    void shouldAskForApplicationJsonWhenTheBodyHasNoContentType() {
        given().body(task("\"" + privateImage("mistake") + "\"", inline()).getBytes(StandardCharsets.UTF_8))
                .noContentType()
                .post("/api/v1/tasks")
                .then().statusCode(415).contentType(startsWith("application/problem+json"))
                .body("field", equalTo("Content-Type"))
                .body("detail", containsString("Content-Type: application/json"));
    }

    @Test
    void shouldSayAListIsNeededInWordsWhenAStringIsGiven() {
        post(task("\"" + privateImage("mistake") + "\"", inline()).replace("[\"" + privateImage("mistake") + "\"]",
                "\"" + privateImage("mistake") + "\""))
                .statusCode(400)
                .body("field", equalTo("images"))
                .body("detail", allOf(containsString("images must be a list"), not(containsString("java.")),
                        not(containsString("ArrayList")), not(containsString("`"))));
    }

    @Test
    void shouldReportAnUnknownRepositoryOnTheUrl() throws IOException {
        Path missing = Files.createTempDirectory(TestStack.workDir(), "no-repo-").resolve("app.git");

        post(task("\"" + privateImage("mistake") + "\"", git(missing.toUri().toString())))
                .statusCode(400)
                .body("field", equalTo("source.git.url"))
                .body("detail", containsString("no git repository at"));
    }

    @Test
    void shouldReportARepositoryTheServerDoesNotHaveOnTheUrl() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            post(task("\"" + privateImage("mistake") + "\"",
                    git("http://127.0.0.1:" + server.getAddress().getPort() + "/acme/nothing.git")))
                    .statusCode(400)
                    .body("field", equalTo("source.git.url"))
                    .body("detail", allOf(containsString("no git repository at"), not(containsString("cannot reach"))));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldReportAnUnreachableHostApartFromAMissingRepository() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        post(task("\"" + privateImage("mistake") + "\"", git("http://127.0.0.1:" + closed + "/acme/app.git")))
                .statusCode(400)
                .body("field", equalTo("source.git.url"))
                .body("detail", allOf(containsString("cannot reach 127.0.0.1:" + closed),
                        not(containsString("no git repository"))));
    }

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/tasks").then()
                .contentType(startsWith("application/problem+json"));
    }

    private static String task(String image, String source) {
        return "{\"name\":\"" + unique("mistake") + "\",\"source\":" + source + ",\"images\":[" + image + "]}";
    }

    private static String inline() {
        return "{\"inline\":{\"files\":{\"Dockerfile\":\"FROM 127.0.0.1:1/x:1\\n\"}}}";
    }

    private static String git(String url) {
        return "{\"git\":{\"url\":\"" + url + "\",\"ref\":\"main\"}}";
    }
}
