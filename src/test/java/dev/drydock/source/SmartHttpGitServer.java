package dev.drydock.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real git smart-HTTP server (JGit's upload-pack behind the JDK's HTTP server) for one repository, that can
 * demand Basic credentials and, once given them, redirect every request to another origin, or challenge for any
 * credential to collect it. It records the Authorization header of every request it receives.
 */
final class SmartHttpGitServer implements AutoCloseable {

    /** One request as received: its path and query, and its Authorization header if it had one. */
    record Request(String target, Optional<String> authorization) {}

    private static final String ANY = "any credential";

    private final HttpServer server;
    private final Repository repository;
    private final Optional<String> requiredAuthorization;
    private final Optional<String> redirectTo;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong packBytesSent = new AtomicLong();

    private SmartHttpGitServer(String host, Repository repository, Optional<String> requiredAuthorization,
            Optional<String> redirectTo) throws IOException {
        this.repository = repository;
        this.requiredAuthorization = requiredAuthorization;
        this.redirectTo = redirectTo;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code repository} to anyone. */
    static SmartHttpGitServer serving(String host, Repository repository) throws IOException {
        return new SmartHttpGitServer(host, repository, Optional.empty(), Optional.empty());
    }

    /** Serves {@code repository}, but first challenges every request for credentials, which it collects. */
    static SmartHttpGitServer collecting(String host, Repository repository) throws IOException {
        return new SmartHttpGitServer(host, repository, Optional.of(ANY), Optional.empty());
    }

    /** Demands {@code authorization}, then redirects every request to the same path on {@code origin}. */
    static SmartHttpGitServer redirecting(String host, String authorization, String origin) throws IOException {
        return new SmartHttpGitServer(host, null, Optional.of(authorization), Optional.of(origin));
    }

    /** {@code http://host:port} as clients reach it. */
    String origin(String host) {
        return "http://" + host + ":" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Bytes of upload-pack answers (the packs) written to clients so far, as far as the client read them. */
    long packBytesSent() {
        return packBytesSent.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestURI().toString();
            Optional<String> authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(new Request(target, authorization));
            boolean authorized = requiredAuthorization.isEmpty() || requiredAuthorization.equals(authorization)
                    || (requiredAuthorization.get().equals(ANY) && authorization.isPresent());
            if (!authorized) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (redirectTo.isPresent()) {
                exchange.getResponseHeaders().set("Location", redirectTo.get() + target);
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            if (exchange.getRequestURI().getPath().endsWith("/info/refs")) {
                exchange.getResponseHeaders().set("Content-Type", "application/x-git-upload-pack-advertisement");
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    PacketLineOut packets = new PacketLineOut(out);
                    packets.writeString("# service=git-upload-pack\n");
                    packets.end();
                    UploadPack upload = new UploadPack(repository);
                    upload.setBiDirectionalPipe(false);
                    upload.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(packets));
                }
            } else if (exchange.getRequestURI().getPath().endsWith("/git-upload-pack")) {
                exchange.getResponseHeaders().set("Content-Type", "application/x-git-upload-pack-result");
                exchange.sendResponseHeaders(200, 0);
                InputStream in = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody();
                try (OutputStream out = new FilterOutputStream(exchange.getResponseBody()) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                        packBytesSent.addAndGet(len);
                    }
                }) {
                    UploadPack upload = new UploadPack(repository);
                    upload.setBiDirectionalPipe(false);
                    upload.upload(in, out, null);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
