package dev.drydock.registry;

import dev.drydock.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

/**
 * A blob streamed to a file, hashed on the way and cut off past a size limit: at most one buffer of it is in
 * memory at a time.
 */
final class BlobFile implements BodySink {

    private static final int BUFFER = 64 * 1024;

    private final Path file;
    private final String algorithm;
    private final long maxBytes;
    private final String registry;
    private final String repository;
    private Digest digest;
    private long size;

    BlobFile(Path file, String algorithm, long maxBytes, String registry, String repository) {
        this.file = file;
        this.algorithm = algorithm;
        this.maxBytes = maxBytes;
        this.registry = registry;
        this.repository = repository;
    }

    @Override
    public void receive(InputStream body) throws IOException {
        MessageDigest hasher = Digests.hasher(algorithm);
        long written = 0;
        byte[] buffer = new byte[BUFFER];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                written += n;
                if (written > maxBytes) {
                    throw new RegistryResponseException(registry, repository, "GET blob", 200, List.of(),
                            "blob is larger than " + maxBytes + " bytes");
                }
                hasher.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        digest = Digests.finish(algorithm, hasher);
        size = written;
    }

    Path file() {
        return file;
    }

    /** The digest of the last complete body received. */
    Digest digest() {
        return digest;
    }

    long size() {
        return size;
    }
}
