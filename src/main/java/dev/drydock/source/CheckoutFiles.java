package dev.drydock.source;

import dev.drydock.source.SourceException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a file of a checked-out source (a build file) by its real path, which must stay inside the checkout: a
 * link that leaves it is an error naming the path, never a read. Errors never quote the file's content.
 */
public final class CheckoutFiles {

    private CheckoutFiles() {
    }

    /**
     * The bytes of {@code path} under {@code root}; {@link Kind#NOT_FOUND} when it does not exist, {@link
     * Kind#INVALID} when it leads outside {@code root}, is not a regular file or is larger than {@code maxBytes}.
     */
    public static byte[] read(Path root, String path, long maxBytes) {
        try {
            Path inside = root.toRealPath();
            Path file = SourcePaths.resolve(inside, path, "file");
            Path real;
            try {
                real = file.toRealPath();
            } catch (NoSuchFileException e) {
                if (Files.isSymbolicLink(file)) {
                    Path target = file.getParent().resolve(Files.readSymbolicLink(file)).normalize();
                    throw new SourceException(Kind.BAD_FILE, "\"" + path + "\" is a broken link"
                            + (target.startsWith(inside) ? "" : " that leads outside the checkout"));
                }
                throw new SourceException(Kind.NOT_FOUND, "\"" + path + "\" does not exist in the source");
            }
            if (!real.startsWith(inside)) {
                throw new SourceException(Kind.BAD_FILE, "\"" + path + "\" is a link that leads outside the checkout");
            }
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new SourceException(Kind.BAD_FILE, "\"" + path + "\" is not a regular file");
            }
            try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
                byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (content.length > maxBytes) {
                    throw new SourceException(Kind.BAD_FILE, "\"" + path + "\" is larger than " + maxBytes + " bytes");
                }
                return content;
            }
        } catch (IOException e) {
            throw new SourceException(Kind.BAD_FILE, "\"" + path + "\" cannot be read", e);
        }
    }
}
