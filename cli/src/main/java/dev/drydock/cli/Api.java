package dev.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;

/** drydock's REST API over the JDK HTTP client; a 4xx/5xx becomes a {@link CliException} of one line. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Settings.Server server;
    private final HttpClient http;

    Api(Settings.Server server) {
        this.server = server;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    String url() {
        return server.url();
    }

    JsonNode get(String path) {
        return json(request(path).GET());
    }

    JsonNode post(String path, Object body) {
        return json(request(path).header("Content-Type", "application/json").POST(body(body)));
    }

    JsonNode patch(String path, Object body) {
        return json(request(path).header("Content-Type", "application/merge-patch+json").method("PATCH", body(body)));
    }

    JsonNode delete(String path) {
        return json(request(path).DELETE());
    }

    /** Reads a text body line by line as it arrives, such as a followed run log. */
    void lines(String path, Consumer<String> line) {
        HttpResponse<InputStream> response = send(request(path).GET(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body();
                BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            if (response.statusCode() >= 400) {
                throw failure(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            for (String text; (text = reader.readLine()) != null; ) {
                line.accept(text);
            }
        } catch (IOException e) {
            throw new CliException("the connection to " + server.url() + " broke: " + e.getMessage());
        }
    }

    /** A path with its query parameters, leaving out the null ones. */
    static String path(String path, Object... nameValues) {
        Map<String, Object> query = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            if (nameValues[i + 1] != null) {
                query.put((String) nameValues[i], nameValues[i + 1]);
            }
        }
        if (query.isEmpty()) {
            return path;
        }
        StringJoiner joined = new StringJoiner("&", path + "?", "");
        query.forEach((name, value) -> joined.add(name + "=" + encode(String.valueOf(value))));
        return joined.toString();
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Accept", "application/json, application/problem+json, text/plain");
        if (server.token() != null) {
            builder.header("Authorization", "Bearer " + server.token());
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher body(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new CliException("cannot write the request: " + e.getMessage());
        }
    }

    private JsonNode json(HttpRequest.Builder request) {
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw failure(response.statusCode(), response.body());
        }
        if (response.body() == null || response.body().isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(response.body());
        }
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request.build(), handler);
        } catch (ConnectException e) {
            throw new CliException("cannot reach drydock at " + server.url()
                    + " (is it running? ./drydock up starts it; drydock login --server sets another)");
        } catch (IOException e) {
            throw new CliException("the request to " + server.url() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    /** One line from a problem+json answer: the field, then what is wrong with it. */
    static CliException failure(int status, String body) {
        String message;
        try {
            JsonNode problem = JSON.readTree(body == null ? "" : body);
            message = problem == null || !problem.isObject() ? plain(status, body) : describe(problem);
        } catch (IOException e) {
            message = plain(status, body);
        }
        if (status == 401) {
            message += " (run drydock login, or set DRYDOCK_TOKEN)";
        }
        return new CliException(message + " [HTTP " + status + "]");
    }

    private static String describe(JsonNode problem) {
        StringJoiner parts = new StringJoiner("; ");
        JsonNode errors = problem.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            errors.forEach(error -> parts.add(fielded(error.path("field").asText(null), error.path("detail").asText(""))));
        } else {
            String detail = problem.path("detail").asText(null);
            parts.add(fielded(problem.path("field").asText(null), detail == null ? problem.path("title").asText("") : detail));
        }
        return parts.toString();
    }

    private static String fielded(String field, String detail) {
        return field == null || field.isBlank() ? detail : field + ": " + detail;
    }

    private static String plain(int status, String body) {
        String text = body == null ? "" : body.strip();
        return text.isEmpty() ? "HTTP " + status : text.lines().findFirst().orElse(text);
    }
}
