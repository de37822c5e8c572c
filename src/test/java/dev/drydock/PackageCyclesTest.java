package dev.drydock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Feature packages ({@code dev.drydock.<feature>}) form no import cycle: each exposes an API the others use one way. */
class PackageCyclesTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/drydock");
    private static final Pattern REFERENCE = Pattern.compile("^import (?:static )?dev\\.drydock\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test
    void shouldFindNoCycleBetweenFeaturePackages() {
        Map<String, Set<String>> uses = uses();
        assertThat(uses).containsKeys("source", "rebuild", "task", "watch", "registry");
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            cycleFrom(start, start, uses, new ArrayList<>(List.of(start)), cycles);
        }
        assertThat(cycles).as("import cycles between feature packages").isEmpty();
    }

    @Test
    void shouldSeeAnImportAsAUse() {
        assertThat(uses().get("rebuild")).contains("source", "task");
        assertThat(uses().get("task")).doesNotContain("rebuild");
    }

    private static void cycleFrom(String start, String at, Map<String, Set<String>> uses, List<String> path,
            List<String> cycles) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (!path.contains(next) && next.compareTo(start) > 0) {
                path.add(next);
                cycleFrom(start, next, uses, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }

    private static Map<String, Set<String>> uses() {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                String feature = SOURCES.relativize(file).getName(0).toString();
                if (feature.endsWith(".java")) {
                    return;
                }
                Set<String> used = uses.computeIfAbsent(feature, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(read(file));
                while (m.find()) {
                    if (!m.group(1).equals(feature)) {
                        used.add(m.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
