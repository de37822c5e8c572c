package dev.drydock.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;

/**
 * An answer's status and headers, and its body as a stream. Reading the body to its end (or closing it) gives the
 * connection back: a fully read body keeps it for the next request, an unfinished one closes it.
 */
public record Http1Response(int status, HttpHeaders headers, InputStream body) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        body.close();
    }
}
