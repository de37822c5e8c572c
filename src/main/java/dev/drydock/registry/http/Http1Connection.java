package dev.drydock.registry.http;

import dev.drydock.net.OutboundPolicy;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** One open connection to an origin; carries one request at a time. */
final class Http1Connection implements Closeable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private long idleSinceNanos;
    private boolean anyResponseByte;

    private Http1Connection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
    }

    /** Connects to an address of the origin that {@code policy} allows (checked after resolving the name). */
    static Http1Connection open(Origin origin, Duration connectTimeout, SSLSocketFactory tls, OutboundPolicy policy)
            throws IOException {
        Socket plain = policy.connect(origin.host(), origin.port(), connectTimeout);
        try {
            plain.setTcpNoDelay(true);
            if (!origin.tls()) {
                return new Http1Connection(plain);
            }
            SSLSocket secure = (SSLSocket) tls.createSocket(plain, origin.host(), origin.port(), true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            secure.setSSLParameters(parameters);
            secure.setSoTimeout((int) connectTimeout.toMillis());
            secure.startHandshake();
            return new Http1Connection(secure);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /**
     * Sends the request and reads the answer's head; the body is left on the wire for the caller.
     *
     * @param bodyDone told when the body is over, and whether the connection can carry another request
     */
    Http1Response exchange(String method, URI uri, List<Map.Entry<String, String>> headers, RequestBody body,
            Duration timeout, ResponseBody.Done bodyDone) throws IOException {
        anyResponseByte = false;
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        out.write(head(method, uri, headers, body).getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            writeBody(body);
        }
        out.flush();

        String statusLine;
        int status;
        do {
            statusLine = firstLine();
            status = status(statusLine);
            HttpHeaders skipped = readHeaders();
            if (status >= 200) {
                return answer(method, statusLine, status, skipped, bodyDone);
            }
            // 1xx interim answers (100 Continue, 103 Early Hints) come before the real one
        } while (true);
    }

    // A body that writes other than its announced length would corrupt the connection: refuse it.
    private void writeBody(RequestBody body) throws IOException {
        if (body.length() < 0) {
            ChunkedOutput chunked = new ChunkedOutput(out);
            body.writeTo(chunked);
            chunked.finish();
            return;
        }
        long[] written = {0};
        OutputStream counted = new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written[0] += len;
                if (written[0] > body.length()) {
                    throw new IOException("request body longer than its length " + body.length());
                }
                out.write(b, off, len);
            }

            @Override
            public void close() {
                // the connection's stream outlives the body
            }
        };
        body.writeTo(counted);
        if (written[0] != body.length()) {
            throw new IOException("request body of " + written[0] + " bytes, not its length " + body.length());
        }
    }

    /** Whether the last exchange failed before the server sent anything (a stale pooled connection, usually). */
    boolean nothingReceived() {
        return !anyResponseByte;
    }

    void idleNow() {
        idleSinceNanos = System.nanoTime();
    }

    Duration idleFor() {
        return Duration.ofNanos(System.nanoTime() - idleSinceNanos);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }

    private Http1Response answer(String method, String statusLine, int status, HttpHeaders headers,
            ResponseBody.Done bodyDone) throws IOException {
        boolean keepAlive = keepAlive(statusLine, headers);
        ResponseBody.Done done = reusable -> bodyDone.done(reusable && keepAlive);
        ResponseBody body;
        if (method.equals("HEAD") || status == 204 || status == 304) {
            body = ResponseBody.empty(in, done);
        } else if (headers.firstValue("Transfer-Encoding").isPresent()) {
            String codings = String.join(",", headers.allValues("Transfer-Encoding")).toLowerCase(Locale.ROOT);
            body = codings.trim().endsWith("chunked") ? ResponseBody.chunked(in, done) : ResponseBody.untilClose(in, done);
        } else if (headers.firstValue("Content-Length").isPresent()) {
            body = ResponseBody.fixed(in, contentLength(headers), done);
        } else {
            body = ResponseBody.untilClose(in, done);
        }
        return new Http1Response(status, headers, body);
    }

    private String firstLine() throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new EOFException("the server closed the connection without answering");
        }
        anyResponseByte = true;
        return (char) first + Lines.read(in);
    }

    private HttpHeaders readHeaders() throws IOException {
        Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int total = 0;
        for (String line = Lines.read(in); !line.isEmpty(); line = Lines.read(in)) {
            total += line.length();
            if (total > Lines.MAX_LINE) {
                throw new IOException("answer headers larger than " + Lines.MAX_LINE + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line in the answer");
            }
            fields.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        return HttpHeaders.of(fields, (name, value) -> true);
    }

    private static int status(String statusLine) throws IOException {
        // HTTP/1.1 200 OK
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new IOException("the answer is not HTTP/1.x");
        }
        try {
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("malformed HTTP status line");
        }
    }

    private static boolean keepAlive(String statusLine, HttpHeaders headers) {
        String connection = String.join(",", headers.allValues("Connection")).toLowerCase(Locale.ROOT);
        if (statusLine.startsWith("HTTP/1.0")) {
            return connection.contains("keep-alive");
        }
        return !connection.contains("close");
    }

    private static long contentLength(HttpHeaders headers) throws IOException {
        List<String> values = headers.allValues("Content-Length");
        String first = values.get(0);
        for (String v : values) {
            if (!v.equals(first)) {
                throw new IOException("conflicting Content-Length headers");
            }
        }
        try {
            long length = Long.parseLong(first);
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("malformed Content-Length");
        }
    }

    private static String head(String method, URI uri, List<Map.Entry<String, String>> headers, RequestBody body) {
        StringBuilder head = new StringBuilder(256);
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        head.append(method).append(' ').append(target);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
        if (uri.getPort() >= 0) {
            head.append(':').append(uri.getPort());
        }
        head.append("\r\n");
        for (Map.Entry<String, String> h : headers) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (body != null && body.length() < 0) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (body != null) {
            head.append("Content-Length: ").append(body.length()).append("\r\n");
        } else if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("DELETE")) {
            head.append("Content-Length: 0\r\n");
        }
        return head.append("\r\n").toString();
    }
}
