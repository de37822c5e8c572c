package dev.drydock.build.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where the bare mirror of each repository lives ({@code <cache>/<name>-<hash of the URL>.git}), and the
 * lock that lets one checkout at a time use it: a lock within this JVM and a file lock across processes
 * sharing the cache directory.
 */
final class MirrorCache {

    private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path directory;

    MirrorCache(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** The mirror directory for {@code url} (credentials in the URL do not change it). */
    Path mirrorOf(String url) {
        String key = GitFailures.redact(url.strip()).replaceAll("/+$", "");
        String name = key.replaceAll("\\.git$", "").replaceAll(".*[/:]", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]", "_");
        return directory.resolve((name.isEmpty() ? "repo" : name) + "-" + sha256(key).substring(0, 16) + ".git");
    }

    /** Holds the mirror's lock until closed; waiting for it ends with CANCELED when the thread is interrupted. */
    Lock lock(Path mirror) {
        ReentrantLock local = LOCKS.computeIfAbsent(mirror, m -> new ReentrantLock());
        try {
            local.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(SourceException.Kind.CANCELED, "the checkout was canceled", e);
        }
        try {
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(mirror.resolveSibling(mirror.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new Lock(local, channel, channel.lock());
        } catch (IOException e) {
            local.unlock();
            if (Thread.currentThread().isInterrupted()) {
                throw new SourceException(SourceException.Kind.CANCELED, "the checkout was canceled", e);
            }
            throw new UncheckedIOException("cannot lock the mirror " + mirror, e);
        } catch (RuntimeException e) {
            local.unlock();
            throw e;
        }
    }

    /** An acquired mirror lock. */
    record Lock(ReentrantLock local, FileChannel channel, FileLock file) implements AutoCloseable {
        @Override
        public void close() {
            try {
                file.release();
                channel.close();
            } catch (IOException e) {
                // closing the channel releases the lock in any case
            } finally {
                local.unlock();
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
