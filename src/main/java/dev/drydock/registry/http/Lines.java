package dev.drydock.registry.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads the CRLF-terminated lines of an HTTP/1.1 head (a bare LF is accepted, as RFC 9112 allows). */
final class Lines {

    /** Longer status, header or chunk-size lines are refused. */
    static final int MAX_LINE = 64 * 1024;

    private Lines() {
    }

    static String read(InputStream in) throws IOException {
        byte[] buf = new byte[128];
        int len = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException(len == 0 ? "connection closed" : "connection closed inside a line");
            }
            if (c == '\n') {
                if (len > 0 && buf[len - 1] == '\r') {
                    len--;
                }
                return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (len == MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes in the answer");
            }
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(MAX_LINE, buf.length * 2));
            }
            buf[len++] = (byte) c;
        }
    }
}
