package dev.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * drydock's REST API over the JDK's {@link HttpURLConnection}; a 4xx/5xx becomes a {@link CliException} of one
 * line. Not {@code java.net.http.HttpClient}: building one initialises TLS and its selector thread even for a plain
 * http URL, which cost 300 ms of every start. {@code HttpURLConnection} has no PATCH, so a merge patch goes as a POST
 * with {@code X-HTTP-Method-Override: PATCH}, which drydock's API honours for PATCH only.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final Settings.Server server;

    Api(Settings.Server server) {
        this.server = server;
    }

    String url() {
        return server.url();
    }

    JsonNode get(String path) {
        return json("GET", path, null, null);
    }

    JsonNode post(String path, Object body) {
        return json("POST", path, "application/json", body);
    }

    JsonNode patch(String path, Object body) {
        return json("PATCH", path, "application/merge-patch+json", body);
    }

    JsonNode delete(String path) {
        return json("DELETE", path, null, null);
    }

    /** Reads a text body line by line as it arrives, such as a followed run log. */
    void lines(String path, Consumer<String> line) {
        HttpURLConnection connection = open("GET", path, null, null);
        try {
            int status = status(connection);
            if (status >= 400) {
                throw failure(status, text(connection.getErrorStream()));
            }
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
                for (String text; (text = reader.readLine()) != null; ) {
                    line.accept(text);
                }
            }
        } catch (IOException e) {
            throw new CliException("the connection to " + server.url() + " broke: " + e.getMessage());
        } finally {
            connection.disconnect();
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

    private JsonNode json(String method, String path, String contentType, Object body) {
        HttpURLConnection connection = open(method, path, contentType, body);
        try {
            int status = status(connection);
            String text = text(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
            if (status >= 400) {
                throw failure(status, text);
            }
            if (text.isBlank()) {
                return JSON.nullNode();
            }
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                return JSON.getNodeFactory().textNode(text);
            }
        } catch (IOException e) {
            throw new CliException("the request to " + server.url() + " failed: " + e.getMessage());
        } finally {
            connection.disconnect();
        }
    }

    /** Opens the request and sends its body; the answer is read by the caller. */
    private HttpURLConnection open(String method, String path, String contentType, Object body) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(server.url() + path).toURL().openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setInstanceFollowRedirects(false);
            connection.setRequestMethod(method.equals("PATCH") ? "POST" : method);
            if (method.equals("PATCH")) {
                connection.setRequestProperty("X-HTTP-Method-Override", "PATCH");
            }
            connection.setRequestProperty("Accept", "application/json, application/problem+json, text/plain");
            if (server.token() != null) {
                connection.setRequestProperty("Authorization", "Bearer " + server.token());
            }
            if (body != null) {
                byte[] bytes = JSON.writeValueAsBytes(body);
                connection.setRequestProperty("Content-Type", contentType);
                connection.setDoOutput(true);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes);
                }
            }
            return connection;
        } catch (ConnectException e) {
            throw unreachable();
        } catch (IllegalArgumentException | IOException e) {
            throw new CliException("the request to " + server.url() + " failed: " + e.getMessage());
        }
    }

    private int status(HttpURLConnection connection) throws IOException {
        try {
            return connection.getResponseCode();
        } catch (ConnectException e) {
            throw unreachable();
        }
    }

    private CliException unreachable() {
        return new CliException("cannot reach drydock at " + server.url()
                + " (is it running? ./drydock up starts it; drydock login --server sets another)");
    }

    private static String text(InputStream body) throws IOException {
        if (body == null) {
            return "";
        }
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
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
