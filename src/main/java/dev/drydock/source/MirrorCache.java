package dev.drydock.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * sharing the cache directory. Past a size, the least recently used mirrors are removed.
 */
final class MirrorCache {

    private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path directory;

    MirrorCache(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** The mirror directory for {@code url} (credentials in the URL do not change it). */
    Path mirrorOf(String url) {
        String key = GitUrlPolicy.redact(url.strip()).replaceAll("/+$", "");
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
            FileChannel channel = FileChannel.open(lockFile(mirror),
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

    /** Marks the mirror as used now: eviction removes the least recently used first. */
    void touch(Path mirror) {
        try {
            Files.writeString(usedMarker(mirror), "", StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            Files.setLastModifiedTime(usedMarker(mirror), FileTime.from(Instant.now()));
        } catch (IOException e) {
            // an unmarked mirror only looks older than it is
        }
    }

    /**
     * Removes the least recently used mirrors until all of them fit in {@code maxBytes}; {@code keep} (the one in
     * use) and mirrors another checkout holds stay.
     */
    void evict(long maxBytes, Path keep) {
        List<Path> all;
        try (Stream<Path> entries = Files.list(directory)) {
            all = entries.filter(p -> p.getFileName().toString().endsWith(".git") && Files.isDirectory(p,
                    LinkOption.NOFOLLOW_LINKS)).collect(Collectors.toCollection(ArrayList::new));
        } catch (IOException e) {
            return;
        }
        Map<Path, Long> sizes = new HashMap<>();
        all.forEach(m -> sizes.put(m, size(m)));
        long total = sizes.values().stream().mapToLong(Long::longValue).sum();
        all.sort(Comparator.comparing(MirrorCache::lastUsed));
        for (Path mirror : all) {
            if (total <= maxBytes) {
                return;
            }
            if (mirror.equals(keep)) {
                continue;
            }
            ReentrantLock local = LOCKS.computeIfAbsent(mirror, m -> new ReentrantLock());
            if (!local.tryLock()) {
                continue;
            }
            try (FileChannel channel = FileChannel.open(lockFile(mirror), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock file = channel.tryLock()) {
                if (file != null) {
                    delete(mirror);
                    total -= sizes.get(mirror);
                }
            } catch (IOException e) {
                // in use elsewhere or already gone: try the next one
            } finally {
                local.unlock();
            }
        }
    }

    /** Deletes a mirror the caller holds the lock of. */
    void delete(Path mirror) {
        if (!Files.exists(mirror, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(mirror)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            Files.deleteIfExists(usedMarker(mirror));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the mirror " + mirror, e);
        }
    }

    private static long size(Path mirror) {
        try (Stream<Path> files = Files.walk(mirror)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static FileTime lastUsed(Path mirror) {
        try {
            return Files.getLastModifiedTime(usedMarker(mirror));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static Path usedMarker(Path mirror) {
        return mirror.resolveSibling(mirror.getFileName() + ".used");
    }

    private static Path lockFile(Path mirror) {
        return mirror.resolveSibling(mirror.getFileName() + ".lock");
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
