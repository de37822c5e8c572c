package dev.drydock.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One line per fault scenario, tab-separated: scenario, tasks, baseline ms, fault ms, ratio, note. The file
 * ({@code drydock.faults.report}, default {@code target/faults-report.tsv}) is what {@code bench/faults/run} prints.
 */
final class FaultReport {

    private FaultReport() {}

    static void record(String scenario, int tasks, Duration baseline, Duration afterFault, String note) {
        double ratio = afterFault.toMillis() / (double) Math.max(1, baseline.toMillis());
        write(String.join("\t", scenario, String.valueOf(tasks), String.valueOf(baseline.toMillis()),
                String.valueOf(afterFault.toMillis()), String.format("%.2f", ratio), note));
    }

    /** A scenario that did not settle, or settled wrong: no time, the first line of the reason. */
    static void failed(String scenario, int tasks, Duration baseline, String reason) {
        String first = reason == null ? "" : reason.lines().findFirst().orElse("");
        write(String.join("\t", scenario, String.valueOf(tasks), String.valueOf(baseline.toMillis()), "-", "FAILED",
                first.length() > 400 ? first.substring(0, 400) : first));
    }

    private static void write(String line) {
        System.out.println("fault report: " + line);
        Path file = Path.of(System.getProperty("drydock.faults.report", "target/faults-report.tsv"));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
