package dev.drydock.registry;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests as the registry itself saw them, from Distribution's access log
 * ({@code 127.0.0.1 - - [date] "HEAD /v2/app/manifests/1 HTTP/1.1" 200 ...}), so request counts do not
 * rest on the client's own counter.
 */
final class AccessLog {

    private static final Pattern LINE = Pattern.compile("^\\S+ - \\S+ \\[[^]]+] \"([A-Z]+) (\\S+) HTTP/[0-9.]+\" .*");

    private AccessLog() {
    }

    /** The number of requests logged once the log stopped growing (and holds at least {@code atLeast}). */
    static int settledSize(Path log, int atLeast) {
        List<Integer> sizes = new ArrayList<>();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    int size = requests(log).size();
                    sizes.add(size);
                    int n = sizes.size();
                    return size >= atLeast && n >= 3 && sizes.get(n - 2) == size && sizes.get(n - 3) == size;
                });
        return sizes.get(sizes.size() - 1);
    }

    /** "METHOD path" of every request logged so far. */
    static List<String> requests(Path log) {
        try {
            return Files.readAllLines(log).stream().map(LINE::matcher).filter(Matcher::matches)
                    .map(m -> m.group(1) + " " + m.group(2)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
