package dev.drydock.registry;

import dev.drydock.image.Digest;
import dev.drydock.registry.http.RequestBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.List;

/**
 * A download passed on as an upload's body: written once, hashed on the way, cut off past a size limit. It tells a
 * broken download (the source's fault, worth a fresh attempt) apart from a broken upload. At most one buffer of the
 * blob is in memory.
 */
final class VerifiedStream implements RequestBody {

    static final int BUFFER = 128 * 1024;

    private final InputStream source;
    private final long length;
    private final String algorithm;
    private final long maxBytes;
    private final String registry;
    private final String repository;
    private IOException sourceFailure;
    private Digest digest;
    private boolean written;

    /**
     * @param length the download's {@code Content-Length}, or -1
     * @param registry the source's, for messages
     */
    VerifiedStream(InputStream source, long length, String algorithm, long maxBytes, String registry,
            String repository) {
        this.source = source;
        this.length = length;
        this.algorithm = algorithm;
        this.maxBytes = maxBytes;
        this.registry = registry;
        this.repository = repository;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public boolean replayable() {
        return false;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        if (written) {
            throw new IllegalStateException("a streamed body is written once");
        }
        written = true;
        MessageDigest hasher = Digests.hasher(algorithm);
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        for (int n = read(buffer); n >= 0; n = read(buffer)) {
            total += n;
            if (total > maxBytes) {
                throw new RegistryResponseException(registry, repository, "GET blob", 200, List.of(),
                        "blob is larger than " + maxBytes + " bytes");
            }
            hasher.update(buffer, 0, n);
            out.write(buffer, 0, n);
        }
        digest = Digests.finish(algorithm, hasher);
    }

    private int read(byte[] buffer) throws IOException {
        try {
            return source.read(buffer);
        } catch (IOException e) {
            sourceFailure = e;
            throw e;
        }
    }

    /** The digest of everything written, once the download ended; null before. */
    Digest digest() {
        return digest;
    }

    /** What broke the download, when it broke; null when it did not. */
    IOException sourceFailure() {
        return sourceFailure;
    }
}
