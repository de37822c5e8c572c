package dev.drydock.source;

import dev.drydock.source.SourceException.Kind;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one rule for paths inside a source — inline file names, build files, context directories and git tree
 * entries — used when a task is registered and again when it is checked out, so a task that registers also
 * checks out. A path is relative, uses {@code /} only, has no {@code ..}, no {@code .git} part, no empty part,
 * no NUL or control character; {@code .} parts are dropped.
 */
public final class SourcePaths {

    /** Longest path accepted, in characters. */
    public static final int MAX_LENGTH = 4096;

    private SourcePaths() {
    }

    /** {@code path} without {@code .} parts; fails with {@link Kind#INVALID} naming {@code what} otherwise. */
    public static String normalise(String path, String what) {
        if (path == null || path.isEmpty()) {
            throw invalid(what, "", "must not be empty");
        }
        if (path.length() > MAX_LENGTH) {
            throw invalid(what, path.substring(0, 40) + "…", "is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw invalid(what, path, "may not contain control characters");
            }
            if (c == '\\') {
                throw invalid(what, path, "may not contain a backslash; separate directories with /");
            }
        }
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            throw invalid(what, path, "must be a relative path");
        }
        List<String> parts = new ArrayList<>();
        String[] split = path.split("/", -1);
        for (int i = 0; i < split.length; i++) {
            String part = split[i];
            if (part.equals(".")) {
                continue;
            }
            if (part.isEmpty()) {
                if (i == split.length - 1 && i > 0) {
                    continue;
                }
                throw invalid(what, path, "may not contain an empty directory name (//)");
            }
            if (part.equals("..")) {
                throw invalid(what, path, "may not contain ..");
            }
            if (isGitDir(part)) {
                throw invalid(what, path, "may not contain .git");
            }
            parts.add(part);
        }
        if (parts.isEmpty()) {
            throw invalid(what, path, "names no file");
        }
        return String.join("/", parts);
    }

    /**
     * Fails when two paths of one set name the same entry (after normalisation), or one is a file and also
     * the directory of another ({@code a} and {@code a/b}).
     */
    public static void requireNoClash(Collection<String> paths, String what) {
        Map<String, String> seen = new HashMap<>();
        Set<String> directories = new HashSet<>();
        for (String path : paths) {
            String key = key(normalise(path, what));
            String other = seen.put(key, path);
            if (other != null) {
                throw new SourceException(Kind.INVALID, what + " \"" + path + "\" and \"" + other
                        + "\" name the same file");
            }
            for (int slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', slash + 1)) {
                directories.add(key.substring(0, slash));
            }
        }
        for (Map.Entry<String, String> file : seen.entrySet()) {
            if (directories.contains(file.getKey())) {
                throw new SourceException(Kind.INVALID, what + " \"" + file.getValue()
                        + "\" is both a file and the directory of another");
            }
        }
    }

    /** {@code path} under {@code dir} (the directory itself never); fails like {@link #normalise}. */
    public static Path resolve(Path dir, String path, String what) {
        Path root = dir.toAbsolutePath().normalize();
        Path resolved = root.resolve(normalise(path, what)).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw invalid(what, path, "is outside its directory");
        }
        return resolved;
    }

    /** How a name compares with others: Unicode-normalised, so two spellings of one name collide. */
    static String key(String normalised) {
        return Normalizer.normalize(normalised, Normalizer.Form.NFC);
    }

    /** {@code .git} in any case, and the spellings some file systems read as {@code .git} ({@code .git.}, {@code .git }). */
    private static boolean isGitDir(String part) {
        return part.toLowerCase(Locale.ROOT).replaceAll("[. ]+$", "").equals(".git");
    }

    private static SourceException invalid(String what, String path, String reason) {
        return new SourceException(Kind.INVALID, what + " \"" + path + "\" " + reason);
    }
}
