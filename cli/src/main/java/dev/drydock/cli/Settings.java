package dev.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Which server the CLI talks to, with which token: {@code DRYDOCK_URL} / {@code DRYDOCK_TOKEN} first, then the file
 * {@code drydock login} wrote ({@code $XDG_CONFIG_HOME/drydock/config.json}, mode 600), then what {@code ./drydock up}
 * started on this machine ({@code DRYDOCK_LOCAL_URL} / {@code DRYDOCK_LOCAL_TOKEN}, set by the launcher).
 */
final class Settings {

    static final String DEFAULT_URL = "http://127.0.0.1:8080";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Server(String url, String token) {}

    private final Map<String, String> env;

    Settings(Map<String, String> env) {
        this.env = env;
    }

    static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    Server server() {
        JsonNode saved = saved();
        String url = first(env.get("DRYDOCK_URL"), text(saved, "url"), env.get("DRYDOCK_LOCAL_URL"), DEFAULT_URL);
        String token = first(env.get("DRYDOCK_TOKEN"), text(saved, "token"), env.get("DRYDOCK_LOCAL_TOKEN"), null);
        return new Server(url.replaceAll("/+$", ""), token);
    }

    Path file() {
        String base = env.get("XDG_CONFIG_HOME");
        Path dir = base == null || base.isBlank() ? Path.of(env.getOrDefault("HOME", "."), ".config") : Path.of(base);
        return dir.resolve("drydock").resolve("config.json");
    }

    /** Keeps the server and token for later commands; the file is readable by its owner only. */
    void save(Server server) {
        Path file = file();
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "config", ".json",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            ObjectNode node = JSON.createObjectNode().put("url", server.url()).put("token", server.token());
            Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private JsonNode saved() {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new CliException(file + " is not valid JSON: run drydock login again (" + e.getMessage() + ")");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
