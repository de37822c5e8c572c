package dev.drydock.front;

import static io.restassured.RestAssured.given;

import dev.drydock.testing.TestSigningKey;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Registry clients of the front in tests: tokens from its /service/token, scope maps and tokens by the API. */
final class FrontClients {

    static final String MANIFEST_TYPES = "application/vnd.oci.image.index.v1+json,"
            + "application/vnd.oci.image.manifest.v1+json,"
            + "application/vnd.docker.distribution.manifest.list.v2+json,"
            + "application/vnd.docker.distribution.manifest.v2+json";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private FrontClients() {}

    /** A registry access token for {@code scope}, asked of the token service through the front with Basic credentials. */
    static String jwt(int frontPort, String username, String password, String scope) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontPort
                        + "/service/token?service=drydock-registry&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (username + ":" + password).getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("token for " + username + " and " + scope + ": " + answer.statusCode() + " " + answer.body());
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).get("token").asText();
    }

    static String serviceJwt(int frontPort, String scope) throws IOException, InterruptedException {
        return jwt(frontPort, TestSigningKey.SERVICE_USERNAME, TestSigningKey.SERVICE_PASSWORD, scope);
    }

    static String[] serviceCreds() {
        return new String[] {TestSigningKey.SERVICE_USERNAME, TestSigningKey.SERVICE_PASSWORD};
    }

    /** A token whose scope map allows {@code pattern} (e.g. {@code team-a/*}) the actions; returns its password1. */
    static String token(String name, String pattern, String... actions) {
        StringBuilder list = new StringBuilder();
        for (String action : actions) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(action).append('"');
        }
        given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "-map\",\"repositories\":[{\"repository\":\""
                + pattern + "\",\"actions\":[" + list + "]}]}").post("/api/v1/scope-maps").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"scopeMap\":\"" + name + "-map\"}")
                .post("/api/v1/tokens").then().statusCode(201);
        return given().contentType(ContentType.JSON).body("{\"name\":\"password1\"}")
                .post("/api/v1/tokens/" + name + "/passwords").then().statusCode(201).extract().path("value");
    }

    static void anonymousPull(boolean enabled) {
        given().contentType(ContentType.JSON).body("{\"anonymousPullEnabled\":" + enabled + "}").patch("/api/v1/registry")
                .then().statusCode(200);
    }

    static HttpRequest.Builder manifest(int frontPort, String repository, String reference) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontPort + "/v2/" + repository
                + "/manifests/" + reference)).header("Accept", MANIFEST_TYPES);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<String> repositories(String body) throws IOException {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("repositories");
        List<String> names = new java.util.ArrayList<>();
        node.forEach(n -> names.add(n.asText()));
        return names;
    }
}
