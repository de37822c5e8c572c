package dev.drydock.source;

import dev.drydock.source.SourceException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a task's inline files (path → UTF-8 content) into a directory, refusing paths that leave it or clash;
 * every file is created new, never written through a link.
 */
final class InlineFiles {

    private InlineFiles() {
    }

    static Path write(Map<String, String> files, Path dir) {
        Map<String, String> sorted = new TreeMap<>(files);
        // Check every path before writing any, so a bad one leaves nothing half-written.
        sorted.keySet().forEach(name -> SourcePaths.resolve(dir, name, "inline file"));
        SourcePaths.requireNoClash(sorted.keySet(), "inline file");
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> file : sorted.entrySet()) {
                Path target = SourcePaths.resolve(dir, file.getKey(), "inline file");
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            }
            return dir;
        } catch (FileAlreadyExistsException e) {
            throw new SourceException(Kind.INVALID, "inline files clash: " + dir.relativize(Path.of(e.getFile()))
                    + " exists already", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the inline files to " + dir, e);
        }
    }
}
