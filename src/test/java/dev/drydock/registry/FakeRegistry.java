package dev.drydock.registry;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.drydock.image.ImageReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted registry on a {@link HttpServer}: each request goes to {@link Route}, and the server records
 * when requests arrived, their headers, and how many were in flight at once.
 */
final class FakeRegistry implements AutoCloseable {

    /** What a request got; a route may also sleep or block to play a slow upstream. */
    @FunctionalInterface
    interface Route {
        Reply handle(HttpExchange exchange, int requestNumber) throws Exception;
    }

    record Reply(int status, Map<String, String> headers, byte[] body) {
        static Reply of(int status, Map<String, String> headers) {
            return new Reply(status, headers, new byte[0]);
        }

        static Reply of(int status) {
            return of(status, Map.of());
        }
    }

    record Seen(Instant at, String method, String path, Headers headers) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Seen> seen = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Route route;

    private FakeRegistry(Route route) {
        this.route = route;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeRegistry start(Route route) {
        return new FakeRegistry(route);
    }

    void route(Route route) {
        this.route = route;
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String url() {
        return "http://" + host();
    }

    ImageReference ref(String repositoryAndTag) {
        return ImageReference.parse(host() + "/" + repositoryAndTag);
    }

    synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    synchronized int requests() {
        return seen.size();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int number;
        synchronized (this) {
            seen.add(new Seen(Instant.now(), exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders()));
            number = seen.size();
        }
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        boolean counted = true;
        try {
            exchange.getRequestBody().readAllBytes();
            Reply reply = route.handle(exchange, number);
            // no longer in flight once the answer starts: the client may send its next request as soon as it has it
            inFlight.decrementAndGet();
            counted = false;
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            boolean head = exchange.getRequestMethod().equals("HEAD");
            if (head || reply.body().length == 0) {
                exchange.sendResponseHeaders(reply.status(), -1);
            } else {
                exchange.sendResponseHeaders(reply.status(), reply.body().length);
                exchange.getResponseBody().write(reply.body());
            }
        } catch (Exception e) {
            exchange.sendResponseHeaders(599, -1);
        } finally {
            if (counted) {
                inFlight.decrementAndGet();
            }
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
