package dev.drydock.registry.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** RFC 9112 §7.1 chunked framing of a body of unknown length; {@link #finish} writes the last chunk. */
final class ChunkedOutput extends FilterOutputStream {

    ChunkedOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return; // an empty chunk would end the body
        }
        out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(b, off, len);
        out.write(CRLF);
    }

    /** The zero-length chunk that ends the body; the underlying stream stays open. */
    void finish() throws IOException {
        out.write(LAST);
    }

    @Override
    public void close() {
        // the connection's stream outlives the body
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
}
