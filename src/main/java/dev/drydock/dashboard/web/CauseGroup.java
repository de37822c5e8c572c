package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pending rebuilds of one cause (a base change fans out to many runs): how many build, wait and are done, and
 * when the rest should be done: the runs left times the mean of recent builds, shared among the builds running now.
 *
 * @param estimate "about 3 min" or null when there is nothing to go by (no build finished yet)
 */
@TemplateData
public record CauseGroup(String cause, int building, int queued, int done, int percent, String estimate) {

    public int total() {
        return building + queued + done;
    }

    static List<CauseGroup> of(List<RunRow> building, List<RunRow> queued, List<RunRow> finished,
            Optional<Duration> meanBuild, Instant now) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        building.forEach(r -> counts.computeIfAbsent(key(r), k -> new int[3])[0]++);
        queued.forEach(r -> counts.computeIfAbsent(key(r), k -> new int[3])[1]++);
        finished.forEach(r -> {
            int[] c = counts.get(key(r));
            if (c != null) {
                c[2]++;
            }
        });
        int lanes = Math.max(1, building.size());
        List<CauseGroup> groups = new ArrayList<>();
        int ahead = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            int total = c[0] + c[1] + c[2];
            ahead += c[0] + c[1];
            // Groups drain in queue order: this one is done once every run of it and of the groups before it is.
            long left = ahead;
            String estimate = c[0] + c[1] == 0 ? null
                    : meanBuild.map(mean -> words(mean.multipliedBy(left).dividedBy(lanes))).orElse(null);
            groups.add(new CauseGroup(e.getKey(), c[0], c[1], c[2], total == 0 ? 0 : 100 * c[2] / total, estimate));
        }
        return groups;
    }

    private static String key(RunRow r) {
        return r.firstCause() == null ? "no recorded cause" : r.firstCause();
    }

    static String words(Duration d) {
        long seconds = Math.max(1, d.toSeconds());
        if (seconds < 60) {
            return "about " + seconds + " s";
        }
        if (seconds < 3600) {
            return "about " + Math.round(seconds / 60.0) + " min";
        }
        return "about " + Math.round(seconds / 360.0) / 10.0 + " h";
    }
}
