package dev.drydock.build.source;

import dev.drydock.build.source.SourceException.Kind;
import java.nio.file.Path;

/** Relative paths from sources (inline file names, git tree entries) kept inside the directory they go to. */
final class SafePaths {

    private SafePaths() {
    }

    /** {@code relative} under {@code dir}; fails for absolute paths, {@code ..} and anything else escaping it. */
    static Path resolve(Path dir, String relative, String what) {
        if (relative.isEmpty() || relative.startsWith("/") || relative.startsWith("\\") || relative.contains("\0")
                || relative.matches("^[A-Za-z]:.*")) {
            throw new SourceException(Kind.INVALID, what + " \"" + relative + "\" must be a relative path");
        }
        for (String part : relative.split("[/\\\\]")) {
            if (part.equals("..") || part.equals(".git")) {
                throw new SourceException(Kind.INVALID, what + " \"" + relative + "\" may not contain " + part);
            }
        }
        Path root = dir.toAbsolutePath().normalize();
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new SourceException(Kind.INVALID, what + " \"" + relative + "\" is outside its directory");
        }
        return resolved;
    }
}
