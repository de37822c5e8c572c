package dev.drydock.registry.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * What a request sends after its head: bytes in memory, or a stream written as it is produced (a blob going
 * straight from one registry's download into another's upload). A body of known length goes with
 * {@code Content-Length}, one of unknown length with {@code Transfer-Encoding: chunked}.
 */
public interface RequestBody {

    /** The bytes {@link #writeTo} writes, or -1 when not known in advance. */
    long length();

    /**
     * Writes the body. An exception thrown here aborts the request: the connection is closed before the body is
     * complete, so the server never sees a finished request.
     */
    void writeTo(OutputStream out) throws IOException;

    /** Whether {@link #writeTo} can run again (a retry, a second attempt after an auth challenge). */
    boolean replayable();

    static RequestBody of(byte[] content) {
        Objects.requireNonNull(content, "content");
        return new RequestBody() {
            @Override
            public long length() {
                return content.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(content);
            }

            @Override
            public boolean replayable() {
                return true;
            }
        };
    }
}
