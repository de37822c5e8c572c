package dev.drydock.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.EmptyProgressMonitor;

/**
 * Cancels a fetch when the calling thread is interrupted, or when the pack JGit is receiving (its
 * {@code incoming_*} temporary files in the mirror) grows past a size. JGit asks after every object, so a fetch
 * stops within one object of the limit.
 */
final class FetchMonitor extends EmptyProgressMonitor {

    private static final long CHECK_EVERY_NANOS = 20_000_000;

    private final Thread caller;
    private final Path gitDir;
    private final long maxBytes;
    private long nextCheck;
    private volatile boolean tooBig;

    FetchMonitor(Thread caller, Path gitDir, long maxBytes) {
        this.caller = caller;
        this.gitDir = gitDir;
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean isCancelled() {
        if (caller.isInterrupted()) {
            return true;
        }
        long now = System.nanoTime();
        if (!tooBig && now - nextCheck >= 0) {
            nextCheck = now + CHECK_EVERY_NANOS;
            tooBig = incomingBytes() > maxBytes;
        }
        return tooBig;
    }

    /** True when the fetch was stopped for its size. */
    boolean tooBig() {
        return tooBig || incomingBytes() > maxBytes;
    }

    private long incomingBytes() {
        return incoming(gitDir.resolve("objects")) + incoming(gitDir.resolve("objects/pack"));
    }

    private static long incoming(Path dir) {
        long total = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "incoming_*")) {
            for (Path file : files) {
                try {
                    total += Files.size(file);
                } catch (IOException e) {
                    // gone already: the fetch finished with it
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }
}
