package dev.drydock.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A registry that answers only what a watch check asks: {@code /v2/} with 200, and each manifest request of tag
 * {@code 1} with what the test's script says (a digest, or a status such as 500 or 429). Anything else is a 404.
 */
public final class ScriptedRegistry implements AutoCloseable {

    /** One answer to a manifest request: a digest (200), or a status with headers. */
    public record Answer(int status, String digest, Map<String, String> headers) {

        public static Answer digest(String digest) {
            return new Answer(200, digest, Map.of());
        }

        public static Answer status(int status) {
            return new Answer(status, null, Map.of());
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, digest, Map.copyOf(more));
        }
    }

    private final HttpServer server;
    private final Supplier<Answer> script;
    private final List<Instant> heads = new CopyOnWriteArrayList<>();

    private ScriptedRegistry(Supplier<Answer> script) throws IOException {
        this.script = script;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/", this::answer);
        server.start();
    }

    /** Starts a registry on a free loopback port; {@code script} is asked once per manifest request. */
    public static ScriptedRegistry start(Supplier<Answer> script) throws IOException {
        return new ScriptedRegistry(script);
    }

    /** {@code 127.0.0.1:PORT}. */
    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** When each manifest request arrived, oldest first (tests may clear it). */
    public List<Instant> heads() {
        return heads;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/v2/")) {
            exchange.sendResponseHeaders(200, -1);
        } else if (path.endsWith("/manifests/1")) {
            heads.add(Instant.now());
            Answer answer = script.get();
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            if (answer.digest() != null) {
                exchange.getResponseHeaders().add("Docker-Content-Digest", answer.digest());
                exchange.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
                exchange.getResponseHeaders().add("Content-Length", "512");
            }
            exchange.sendResponseHeaders(answer.status(), -1);
        } else {
            exchange.sendResponseHeaders(404, -1);
        }
        exchange.close();
    }
}
