package dev.drydock.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * An HTTP proxy in front of a real registry that answers chosen requests with scripted errors: {@link #failNext}
 * queues statuses (500, 503, 429…) for the next requests of a method and path, everything else is forwarded
 * as is. Location headers are rewritten to the proxy, so uploads stay behind it.
 *
 * <p>Like a plain-HTTP registry, it refuses a TLS handshake at once (it closes the connection), so clients that try
 * HTTPS first, such as Jib, fall back to HTTP instead of waiting for a read timeout.
 */
public final class FaultProxy implements TestRegistry, AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "keep-alive",
            "transfer-encoding", "upgrade", "te", "trailer", "proxy-connection");

    private record Rule(String method, Pattern path, Queue<Integer> statuses) {}

    private static final int TLS_HANDSHAKE_RECORD = 0x16;

    private final HttpServer server;
    private final ServerSocket front;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private volatile Instant lastFault;

    private FaultProxy(TestRegistry target) {
        this.target = target.url();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        try {
            front = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            server.stop(0);
            throw new UncheckedIOException(e);
        }
        executor.execute(this::acceptLoop);
    }

    public static FaultProxy in(TestRegistry target) {
        return new FaultProxy(target);
    }

    @Override
    public String host() {
        return "127.0.0.1:" + front.getLocalPort();
    }

    /** The next requests with this method whose path matches {@code pathRegex} get these statuses, in order. */
    public void failNext(String method, String pathRegex, int... statuses) {
        Queue<Integer> queue = new ArrayDeque<>();
        for (int status : statuses) {
            queue.add(status);
        }
        rules.add(new Rule(method.toUpperCase(Locale.ROOT), Pattern.compile(pathRegex), queue));
    }

    /** Whether every scripted error has been served. */
    public boolean faultsServed() {
        return rules.stream().allMatch(r -> {
            synchronized (r.statuses()) {
                return r.statuses().isEmpty();
            }
        });
    }

    /** When the last scripted error was answered; empty before the first. */
    public Optional<Instant> lastFault() {
        return Optional.ofNullable(lastFault);
    }

    @Override
    public void close() {
        try {
            front.close();
        } catch (IOException e) {
            // closing anyway
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private void acceptLoop() {
        while (!front.isClosed()) {
            try {
                Socket client = front.accept();
                executor.execute(() -> relay(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Hands a connection to the HTTP server unless it opens with a TLS handshake, which is refused. */
    private void relay(Socket client) {
        try (client; Socket http = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort())) {
            InputStream in = client.getInputStream();
            int first = in.read();
            if (first < 0 || first == TLS_HANDSHAKE_RECORD) {
                return;
            }
            http.getOutputStream().write(first);
            Future<?> answers = executor.submit(() -> pipe(http, client));
            in.transferTo(http.getOutputStream());
            http.shutdownOutput();
            answers.get();
        } catch (IOException | ExecutionException e) {
            // one connection ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // the other side went away
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<Integer> fault = nextFault(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
            if (fault.isPresent()) {
                exchange.getRequestBody().readAllBytes();
                answerWithError(exchange, fault.get());
                lastFault = Instant.now();
            } else {
                forward(exchange);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<Integer> nextFault(String method, String path) {
        for (Rule rule : rules) {
            if (rule.method().equals(method) && rule.path().matcher(path).matches()) {
                synchronized (rule.statuses()) {
                    Integer status = rule.statuses().poll();
                    if (status != null) {
                        return Optional.of(status);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static void answerWithError(HttpExchange exchange, int status) throws IOException {
        String code = status == 429 ? "TOOMANYREQUESTS" : "UNAVAILABLE";
        byte[] body = ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"injected by the fault proxy\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (status == 429) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
    }

    private void forward(HttpExchange exchange) throws IOException, InterruptedException {
        String method = exchange.getRequestMethod();
        byte[] requestBody = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())))
                .timeout(Duration.ofSeconds(60))
                .method(method, requestBody.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(requestBody));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            exchange.sendResponseHeaders(502, -1);
            return;
        }
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals(":status") || (HOP_BY_HOP.contains(name) && !(name.equals("content-length") && method.equals("HEAD")))) {
                continue;
            }
            for (String value : header.getValue()) {
                exchange.getResponseHeaders().add(header.getKey(),
                        name.equals("location") ? value.replace(target.toString().replaceAll("/$", ""), "http://" + host()) : value);
            }
        }
        byte[] body = response.body();
        boolean empty = method.equals("HEAD") || body.length == 0;
        exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : body.length);
        if (!empty) {
            exchange.getResponseBody().write(body);
        }
    }
}
