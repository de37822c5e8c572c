package dev.drydock.registry.http;

import dev.drydock.net.OutboundPolicy;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends HTTP/1.1 requests over pooled keep-alive connections, on the calling thread. Thread-safe; share one.
 *
 * <p>A pooled connection the server has meanwhile closed shows up as an answer-less failure; requests that are
 * safe to send twice (GET, HEAD) then go out once more on a new connection. Other requests only take connections
 * idle for less than {@link #SAFE_REUSE}, so a server's idle timeout cannot catch them.
 */
public final class Http1Client implements AutoCloseable {

    public static final int DEFAULT_MAX_IDLE_SECONDS = 30;
    static final Duration SAFE_REUSE = Duration.ofSeconds(2);
    private static final Set<String> REPLAYABLE = Set.of("GET", "HEAD");
    private static final int MAX_IDLE_PER_ORIGIN = 64;
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final Duration connectTimeout;
    private final Duration maxIdle;
    private final SSLSocketFactory tls;
    private final OutboundPolicy outbound;
    private final ConcurrentMap<Origin, Deque<Http1Connection>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A client under {@link OutboundPolicy#defaults()}. */
    public Http1Client(Duration connectTimeout) {
        this(connectTimeout, OutboundPolicy.defaults());
    }

    public Http1Client(Duration connectTimeout, OutboundPolicy outbound) {
        this(connectTimeout, Duration.ofSeconds(DEFAULT_MAX_IDLE_SECONDS), defaultTls(), outbound);
    }

    public Http1Client(Duration connectTimeout, Duration maxIdle, SSLSocketFactory tls) {
        this(connectTimeout, maxIdle, tls, OutboundPolicy.defaults());
    }

    /**
     * @param outbound which addresses connections may go to; checked on the resolved address of each new
     *     connection
     */
    public Http1Client(Duration connectTimeout, Duration maxIdle, SSLSocketFactory tls, OutboundPolicy outbound) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.maxIdle = Objects.requireNonNull(maxIdle, "maxIdle");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.outbound = Objects.requireNonNull(outbound, "outbound");
    }

    /**
     * Sends {@code method uri} with {@code headers} (Host and the body's framing are added) and returns the answer
     * once its head has arrived; read or close its body to give the connection back.
     *
     * @param body what follows the head, or null for none; a streamed body is written as it is produced
     * @param timeout how long any single read may wait for the server
     * @throws IllegalArgumentException for a URI that is not http(s) or a header that would break the request
     * @throws dev.drydock.net.AddressNotAllowedException when the policy denies every address of the host
     * @throws java.net.ConnectException "could not connect to HOST:PORT", whatever the reason
     */
    public Http1Response send(String method, URI uri, List<Map.Entry<String, String>> headers, RequestBody body,
            Duration timeout) throws IOException {
        if (closed) {
            throw new IOException("the HTTP client is closed");
        }
        Origin origin = Origin.of(uri);
        validate(method, headers);
        boolean replayable = REPLAYABLE.contains(method);
        Http1Connection pooled = takeIdle(origin, replayable ? maxIdle : SAFE_REUSE);
        if (pooled != null) {
            try {
                return exchange(origin, pooled, method, uri, headers, body, timeout);
            } catch (IOException e) {
                if (!replayable || !pooled.nothingReceived() || e instanceof SocketTimeoutException) {
                    throw e;
                }
                // the server closed it while it was idle: a new connection, once
            }
        }
        return exchange(origin, Http1Connection.open(origin, connectTimeout, tls, outbound), method, uri, headers, body, timeout);
    }

    @Override
    public void close() {
        closed = true;
        idle.values().forEach(deque -> {
            for (Http1Connection c = deque.pollFirst(); c != null; c = deque.pollFirst()) {
                c.close();
            }
        });
    }

    /** Connections kept open for reuse, for tests and metrics. */
    public int idleConnections() {
        return idle.values().stream().mapToInt(Deque::size).sum();
    }

    private Http1Response exchange(Origin origin, Http1Connection connection, String method, URI uri,
            List<Map.Entry<String, String>> headers, RequestBody body, Duration timeout) throws IOException {
        try {
            return connection.exchange(method, uri, headers, body, timeout, reusable -> {
                if (reusable) {
                    giveBack(origin, connection);
                } else {
                    connection.close();
                }
            });
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    // Most recently used first: the one least likely to have been closed by the server.
    private Http1Connection takeIdle(Origin origin, Duration notIdleLongerThan) {
        Deque<Http1Connection> deque = idle.get(origin);
        if (deque == null) {
            return null;
        }
        for (Http1Connection c = deque.pollFirst(); c != null; c = deque.pollFirst()) {
            Duration idleFor = c.idleFor();
            if (idleFor.compareTo(maxIdle) > 0) {
                c.close();
            } else if (idleFor.compareTo(notIdleLongerThan) <= 0) {
                return c;
            } else {
                deque.offerLast(c); // fine for a GET later; this request wants a fresher one
                return null;
            }
        }
        return null;
    }

    private void giveBack(Origin origin, Http1Connection connection) {
        if (closed) {
            connection.close();
            return;
        }
        connection.idleNow();
        Deque<Http1Connection> deque = idle.computeIfAbsent(origin, o -> new ConcurrentLinkedDeque<>());
        deque.offerFirst(connection);
        // the oldest sit at the end; drop those past their time or beyond the limit
        Http1Connection oldest = deque.peekLast();
        if (oldest != null && oldest != connection
                && (oldest.idleFor().compareTo(maxIdle) > 0 || deque.size() > MAX_IDLE_PER_ORIGIN)
                && deque.removeLastOccurrence(oldest)) {
            oldest.close();
        }
    }

    private static void validate(String method, List<Map.Entry<String, String>> headers) {
        if (!METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("not an HTTP method: " + method);
        }
        for (Map.Entry<String, String> h : headers) {
            if (!HEADER_NAME.matcher(h.getKey()).matches()) {
                throw new IllegalArgumentException("not a valid header name: " + h.getKey());
            }
            if (h.getValue().indexOf('\r') >= 0 || h.getValue().indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + h.getKey() + " has a line break in its value");
            }
        }
    }

    private static SSLSocketFactory defaultTls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }
}
