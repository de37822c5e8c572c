package dev.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Set;

/** What run commands share: following a log and waiting for the end. */
final class Runs {

    static final Set<String> ENDED = Set.of("Succeeded", "Failed", "Canceled", "Error", "Timeout");

    private Runs() {
    }

    static void log(Api api, long runId, boolean follow, PrintWriter out) {
        api.lines(Api.path("/api/v1/runs/" + runId + "/log", "follow", follow ? "true" : null), line -> {
            out.println(line);
            out.flush();
        });
    }

    /** Polls the run until it ends; the answer is the ended run. */
    static JsonNode waitFor(Api api, long runId) throws InterruptedException {
        long pause = 200;
        while (true) {
            JsonNode run = api.get("/api/v1/runs/" + runId);
            if (ENDED.contains(run.path("status").asText())) {
                return run;
            }
            Thread.sleep(pause);
            pause = Math.min(2_000, pause * 2);
        }
    }

    /** The newest run of a task; a task that never ran is an error naming it. */
    static long latest(Api api, String task) {
        JsonNode items = api.get(Api.path("/api/v1/runs", "task", task, "size", 1)).path("items");
        if (!items.isArray() || items.isEmpty()) {
            throw new CliException("task " + task + " has no runs yet (drydock task run " + task + ")");
        }
        return items.get(0).path("id").asLong();
    }
}
