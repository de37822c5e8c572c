package dev.drydock.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A base image with a shell, so RUN has something to run: a rootfs of Debian's {@code busybox-static}
 * ({@code /bin/busybox} and links to it for the usual commands), pushed with skopeo as an OCI image. The rootfs
 * layer is made once per JVM; each push adds a small random layer, so each push is a new digest. It has a history
 * entry per layer, as real bases do: buildah checks a base's history against its layers once it has any, so an image
 * buildah built FROM a base without history could not be a base for buildah again.
 */
public final class BusyboxImage {

    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final List<String> COMMANDS = List.of("sh", "ash", "echo", "cat", "mkdir", "ls", "test", "true",
            "false", "wc", "grep", "cp", "rm", "env", "sleep", "id", "chmod", "find");
    private static byte[] rootfs;

    private BusyboxImage() {}

    /** Pushes a new busybox base to {@code reference}; its digest differs from every earlier push. */
    public static TestImages.PushedImage push(String reference) {
        return TestImages.builder().tarLayer(rootfs()).randomLayer(64).history("2026-01-01T00:00:00Z").push(reference);
    }

    private static synchronized byte[] rootfs() {
        if (rootfs == null) {
            if (!Files.isExecutable(BUSYBOX)) {
                throw new IllegalStateException("/bin/busybox is missing: install busybox-static (./drydock test does)");
            }
            try {
                rootfs = tar(Files.readAllBytes(BUSYBOX));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rootfs;
    }

    private static byte[] tar(byte[] busybox) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Map.Entry<String, Integer> dir : Map.of("bin/", 0755, "tmp/", 01777, "etc/", 0755).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(dir.getKey());
                entry.setMode(040000 | dir.getValue());
                entry.setModTime(0);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            TarArchiveEntry binary = new TarArchiveEntry("bin/busybox");
            binary.setMode(0100755);
            binary.setSize(busybox.length);
            binary.setModTime(0);
            tar.putArchiveEntry(binary);
            tar.write(busybox);
            tar.closeArchiveEntry();
            for (String command : COMMANDS) {
                TarArchiveEntry link = new TarArchiveEntry("bin/" + command, TarArchiveEntry.LF_SYMLINK);
                link.setLinkName("busybox");
                link.setModTime(0);
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }
}
