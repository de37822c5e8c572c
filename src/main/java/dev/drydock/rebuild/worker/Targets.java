package dev.drydock.rebuild.worker;

import dev.drydock.image.ImageReference;
import dev.drydock.task.TaskSpec;
import dev.drydock.task.run.Run;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The images a run pushes: the task's targets with their tag templates filled in. */
final class Targets {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private Targets() {}

    /**
     * Fills {@code {{run.id}}}, {@code {{git.commit}}}, {@code {{git.short}}} and {@code {{date}}} (the run's creation
     * day, UTC).
     *
     * @param commit the commit built, null for inline sources (the git templates become {@code inline})
     */
    static List<ImageReference> of(TaskSpec spec, Run run, String commit) {
        String date = DATE.format(run.createdAt);
        return spec.images().stream()
                .map(image -> image.replaceAll("\\{\\{\\s*run\\.id\\s*}}", "run-" + run.id)
                        .replaceAll("\\{\\{\\s*git\\.commit\\s*}}", commit == null ? "inline" : commit)
                        .replaceAll("\\{\\{\\s*git\\.short\\s*}}", commit == null ? "inline" : commit.substring(0, 7))
                        .replaceAll("\\{\\{\\s*date\\s*}}", date))
                .map(ImageReference::parse)
                .toList();
    }
}
