package dev.drydock.build.source;

import dev.drydock.build.source.SourceException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Writes a task's inline files (path → UTF-8 content) into a directory, refusing paths that leave it. */
final class InlineFiles {

    private InlineFiles() {
    }

    static Path write(Map<String, String> files, Path dir) {
        Map<String, String> sorted = new TreeMap<>(files);
        // Check every path before writing any, so a bad one leaves nothing half-written.
        sorted.keySet().forEach(name -> SafePaths.resolve(dir, name, "inline file"));
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> file : sorted.entrySet()) {
                Path target = SafePaths.resolve(dir, file.getKey(), "inline file");
                Files.createDirectories(target.getParent());
                if (Files.isSymbolicLink(target) || Files.isDirectory(target)) {
                    throw new SourceException(Kind.INVALID, "inline file \"" + file.getKey()
                            + "\" is also a directory of another inline file");
                }
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
            return dir;
        } catch (FileAlreadyExistsException e) {
            throw new SourceException(Kind.INVALID, "inline files clash: " + dir.relativize(Path.of(e.getFile()))
                    + " is both a file and a directory", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the inline files to " + dir, e);
        }
    }
}
