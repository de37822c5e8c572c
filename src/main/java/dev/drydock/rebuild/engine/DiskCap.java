package dev.drydock.rebuild.engine;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Locale;

/**
 * The disk one buildah build may fill: the size of its private directory (image storage, the working container,
 * the files of its RUNs), measured every {@code interval} while buildah runs.
 *
 * @param maxBytes more than this ends the build
 * @param interval how often the directory is measured
 */
public record DiskCap(long maxBytes, Duration interval) {

    /** The default cap, {@code drydock.worker.buildah.max-disk}. */
    public static final long DEFAULT_MAX_BYTES = 10L << 30;
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    public DiskCap {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the disk cap must be at least 1 byte, got " + maxBytes);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the measuring interval must be positive, got " + interval);
        }
    }

    public static DiskCap of(long maxBytes) {
        return new DiskCap(maxBytes, DEFAULT_INTERVAL);
    }

    /** Bytes of the regular files under {@code dir}; files that vanish while it is walked are skipped. */
    static long usage(Path dir) {
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        total[0] += attributes.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // the directory is gone: nothing is used
        }
        return total[0];
    }

    /** Why a build that used {@code used} bytes was stopped. */
    String exceeded(long used) {
        return "the build used " + human(used) + " of disk, more than its limit of " + human(maxBytes)
                + " (drydock.worker.buildah.max-disk): buildah was stopped and the build's storage removed";
    }

    static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
