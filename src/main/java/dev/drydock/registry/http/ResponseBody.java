package dev.drydock.registry.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** The body framings of RFC 9112 §6.3: none, Content-Length, chunked, or until the server closes. */
abstract sealed class ResponseBody extends InputStream {

    /** Told once: whether the body ended cleanly (the connection may carry another request) or not. */
    interface Done {
        void done(boolean reusable);
    }

    protected final InputStream in;
    private final Done done;
    private boolean finished;

    ResponseBody(InputStream in, Done done) {
        this.in = in;
        this.done = done;
    }

    static ResponseBody empty(InputStream in, Done done) {
        return new Fixed(in, 0, done);
    }

    static ResponseBody fixed(InputStream in, long length, Done done) {
        return new Fixed(in, length, done);
    }

    static ResponseBody chunked(InputStream in, Done done) {
        return new Chunked(in, done);
    }

    static ResponseBody untilClose(InputStream in, Done done) {
        return new UntilClose(in, done);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (finished) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        try {
            int n = readBody(b, off, len);
            if (n < 0) {
                finish(atEnd());
            }
            return n;
        } catch (IOException | RuntimeException e) {
            finish(false);
            throw e;
        }
    }

    /** Closing before the end throws the rest away with the connection. */
    @Override
    public void close() {
        finish(atEnd());
    }

    /** Reads into {@code b}, or -1 at the end of the body. */
    abstract int readBody(byte[] b, int off, int len) throws IOException;

    /** True when nothing of the body is left unread (so the connection is at the next response). */
    abstract boolean atEnd();

    private void finish(boolean reusable) {
        if (!finished) {
            finished = true;
            done.done(reusable);
        }
    }

    static final class Fixed extends ResponseBody {
        private long remaining;

        Fixed(InputStream in, long length, Done done) {
            super(in, done);
            this.remaining = length;
        }

        @Override
        int readBody(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("connection closed with " + remaining + " bytes of the body still to come");
            }
            remaining -= n;
            return n;
        }

        @Override
        boolean atEnd() {
            return remaining == 0;
        }
    }

    static final class Chunked extends ResponseBody {
        private long chunkLeft;
        private boolean last;

        Chunked(InputStream in, Done done) {
            super(in, done);
        }

        @Override
        int readBody(byte[] b, int off, int len) throws IOException {
            if (last) {
                return -1;
            }
            if (chunkLeft == 0) {
                chunkLeft = chunkSize(Lines.read(in));
                if (chunkLeft == 0) {
                    while (!Lines.read(in).isEmpty()) {
                        // trailer fields are not used
                    }
                    last = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new EOFException("connection closed inside a chunk");
            }
            chunkLeft -= n;
            if (chunkLeft == 0 && !Lines.read(in).isEmpty()) {
                throw new IOException("malformed chunked body: no line end after a chunk");
            }
            return n;
        }

        @Override
        boolean atEnd() {
            return last;
        }

        private static long chunkSize(String line) throws IOException {
            int semicolon = line.indexOf(';');
            String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
            try {
                long size = Long.parseLong(hex, 16);
                if (size < 0) {
                    throw new NumberFormatException();
                }
                return size;
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size");
            }
        }
    }

    static final class UntilClose extends ResponseBody {
        UntilClose(InputStream in, Done done) {
            super(in, done);
        }

        @Override
        int readBody(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        boolean atEnd() {
            return false; // the server closes: the connection never carries another request
        }
    }
}
