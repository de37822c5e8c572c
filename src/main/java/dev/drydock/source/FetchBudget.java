package dev.drydock.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.URL;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * The bytes one fetch over HTTP(S) may receive, counted as they stream in from the server: every answer of the
 * fetch's connections is read through a counter that fails the read which goes past the budget. JGit checks a
 * fetch's progress only between objects, so without this one object of any size would be received whole before
 * the size check; with it the fetch stops within one read of the limit, whatever the pack holds.
 */
final class FetchBudget {

    private final long maxBytes;
    private final AtomicLong received = new AtomicLong();
    private volatile boolean exceeded;

    FetchBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Makes an HTTP transport read through this budget; other transports are left as they are. */
    void apply(Transport transport) {
        if (transport instanceof TransportHttp http) {
            http.setHttpConnectionFactory(new CountedConnections());
        }
    }

    /** True once a read went past the budget. */
    boolean exceeded() {
        return exceeded;
    }

    long received() {
        return received.get();
    }

    private void add(long bytes) throws IOException {
        if (bytes > 0 && received.addAndGet(bytes) > maxBytes) {
            exceeded = true;
            throw new IOException("the fetch received more than " + maxBytes + " bytes");
        }
    }

    private final class CountedConnections extends JDKHttpConnectionFactory {

        @Override
        public HttpConnection create(URL url) throws IOException {
            return new CountedConnection(url);
        }

        @Override
        public HttpConnection create(URL url, Proxy proxy) throws IOException {
            return new CountedConnection(url, proxy);
        }
    }

    private final class CountedConnection extends JDKHttpConnection {

        CountedConnection(URL url) throws IOException {
            super(url);
        }

        CountedConnection(URL url, Proxy proxy) throws IOException {
            super(url, proxy);
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return new Counted(super.getInputStream());
        }
    }

    private final class Counted extends FilterInputStream {

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            add(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            add(skipped);
            return skipped;
        }
    }
}
