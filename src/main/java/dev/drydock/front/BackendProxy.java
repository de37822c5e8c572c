package dev.drydock.front;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Streams one request to a backend and its answer back, both ways through Vert.x pipes: a blob is never held in
 * memory, and a slow side slows the other (backpressure). Hop-by-hop headers stay on their hop; the backend's
 * absolute URLs in {@code Location} and {@code Link} become the front's.
 */
final class BackendProxy {

    private static final Logger LOG = Logger.getLogger(BackendProxy.class);

    /**
     * Headers of one connection (RFC 9110 7.6.1), never forwarded; {@code Expect: 100-continue} is answered by
     * the front's own server.
     */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "expect");

    static final int WRITE_QUEUE_BYTES = 1024 * 1024;

    private final HttpClient client;
    private final long idleTimeoutMillis;

    BackendProxy(HttpClient client, Duration idleTimeout) {
        this.client = client;
        this.idleTimeoutMillis = idleTimeout.toMillis();
    }

    /**
     * Streams {@code in} (paused) to {@code target}, answering {@code in} with what comes back; {@code onHead} sees
     * the backend's answer before its body is streamed, and {@code onFailure} is told when the backend could not
     * be reached (nothing has been answered then).
     */
    void stream(HttpServerRequest in, URI target, LocationRewrite rewrite, Consumer<HttpClientResponse> onHead,
            Consumer<Throwable> onFailure) {
        open(in, target).onFailure(onFailure::accept).onSuccess(out -> {
            copyRequestHeaders(in, out);
            out.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
            out.send(in).onFailure(error -> {
                if (in.response().headWritten()) {
                    in.connection().close();
                } else {
                    onFailure.accept(error);
                }
            }).onSuccess(answer -> {
                onHead.accept(answer);
                HttpServerResponse response = in.response();
                // Vert.x's default queue (64 KiB) pauses the backend every few packets; a larger one streams a blob
                // in big steps and still bounds what waits in memory per request.
                response.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
                response.setStatusCode(answer.statusCode());
                copyResponseHeaders(answer.headers(), response, rewrite, publicOrigin(in));
                response.send(answer).onFailure(error -> {
                    LOG.debugf("stream of %s %s ended early: %s", in.method(), in.path(), error.getMessage());
                    in.connection().close();
                });
            });
        });
    }

    /** Opens a request to the target for the same method and URI as {@code in}. */
    Future<HttpClientRequest> open(HttpServerRequest in, URI target) {
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(target.getHost())
                .setPort(port(target))
                .setURI(in.uri())
                .setIdleTimeout(idleTimeoutMillis)
                .setFollowRedirects(false);
        return client.request(options);
    }

    static void copyRequestHeaders(HttpServerRequest in, HttpClientRequest out) {
        for (var header : in.headers()) {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                out.headers().add(header.getKey(), header.getValue());
            }
        }
        String encoding = in.getHeader(HttpHeaders.TRANSFER_ENCODING);
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            out.setChunked(true);
        }
    }

    static void copyResponseHeaders(MultiMap from, HttpServerResponse to, LocationRewrite rewrite, String origin) {
        for (var header : from) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(name)) {
                continue;
            }
            boolean url = name.equals("location") || name.equals("link");
            to.headers().add(header.getKey(), url ? rewrite.rewrite(header.getValue(), origin) : header.getValue());
        }
        String encoding = from.get(HttpHeaders.TRANSFER_ENCODING);
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            to.setChunked(true);
        }
    }

    /** The origin the client used, from its Host header: where rewritten URLs must point. */
    static String publicOrigin(HttpServerRequest in) {
        String host = in.getHeader(HttpHeaders.HOST);
        String scheme = in.getHeader("X-Forwarded-Proto") != null ? in.getHeader("X-Forwarded-Proto") : in.scheme();
        return (scheme == null ? "http" : scheme) + "://" + (host == null ? in.authority().toString() : host);
    }

    static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }
}
