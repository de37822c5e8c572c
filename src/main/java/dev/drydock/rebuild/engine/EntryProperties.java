package dev.drydock.rebuild.engine;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import dev.drydock.graph.buildfile.ImageRecipe.FileProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A COPY's file properties in Jib's terms. Unset ones take Jib's defaults (directories {@code 755}, owner
 * {@code 0:0}, modified at the epoch plus one second) except file permissions: {@code 644}, or {@code 755}
 * when the file in the context is executable by its owner, as docker's COPY keeps the mode and git records
 * only that bit.
 */
record EntryProperties(Optional<FilePermissions> filePermissions, FilePermissions directoryPermissions,
        String ownership, Instant modificationTime) {

    private static final FilePermissions EXECUTABLE = FilePermissions.fromOctalString("755");
    private static final Pattern OCTAL = Pattern.compile("[0-7]{3}");
    private static final Pattern MILLIS = Pattern.compile("-?[0-9]+");
    private static final DateTimeFormatter ISO_8601 = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
            .toFormatter();

    static EntryProperties of(FileProperties properties) throws BuildException {
        Optional<FilePermissions> files = properties.filePermissions().isPresent()
                ? Optional.of(permissions(properties.filePermissions().get(), "filePermissions"))
                : Optional.empty();
        FilePermissions directories = properties.directoryPermissions().isPresent()
                ? permissions(properties.directoryPermissions().get(), "directoryPermissions")
                : FilePermissions.DEFAULT_FOLDER_PERMISSIONS;
        String ownership = properties.user().orElse("") + properties.group().map(g -> ":" + g).orElse("");
        Instant time = properties.timestamp().isPresent()
                ? timestamp(properties.timestamp().get())
                : FileEntriesLayer.DEFAULT_MODIFICATION_TIME;
        return new EntryProperties(files, directories, ownership, time);
    }

    FileEntry file(Path source, AbsoluteUnixPath path) {
        FilePermissions permissions = filePermissions.orElseGet(() -> executable(source)
                ? EXECUTABLE : FilePermissions.DEFAULT_FILE_PERMISSIONS);
        return new FileEntry(source, path, permissions, modificationTime, ownership);
    }

    FileEntry directory(Path source, AbsoluteUnixPath path) {
        return new FileEntry(source, path, directoryPermissions, modificationTime, ownership);
    }

    private static boolean executable(Path file) {
        try {
            return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static FilePermissions permissions(String octal, String what) throws BuildException {
        String digits = octal.length() == 4 && octal.startsWith("0") ? octal.substring(1) : octal;
        if (!OCTAL.matcher(digits).matches()) {
            throw BuildException.badRecipe(what + " must be three octal digits, e.g. 644, not " + octal);
        }
        return FilePermissions.fromOctalString(digits);
    }

    /** Milliseconds since the epoch or an ISO 8601 date-time, as jib.yaml writes timestamps. */
    static Instant timestamp(String text) throws BuildException {
        try {
            if (MILLIS.matcher(text).matches()) {
                return Instant.ofEpochMilli(Long.parseLong(text));
            }
            var parsed = ISO_8601.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime offset ? offset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException | NumberFormatException e) {
            throw BuildException.badRecipe("timestamp " + text + " is neither milliseconds since the epoch nor an "
                    + "ISO 8601 date-time");
        }
    }
}
