package dev.drydock.task.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.task.Task;
import dev.drydock.task.TaskFixtures;
import dev.drydock.testing.TestStack;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's log holds text from outside: each line is escaped and cut, and a run's log has an end. */
@QuarkusTest
class RunLogTest {

    @Inject
    RunLog log;

    @Inject
    EntityManager em;

    @Test
    void shouldEndARunLogWithATruncationMarkerAtItsCap() {
        long run = finishedRun();
        // Most of the log written at once; the cap is reached through append, line by line.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "INSERT INTO run_log (run_id, line) SELECT :run, 'filler ' || n FROM generate_series(1, :n) n")
                .setParameter("run", run).setParameter("n", RunLog.MAX_LINES - 3).executeUpdate());

        for (int i = 1; i <= 10; i++) {
            log.append(run, "step " + i);
        }

        List<String> lines = log.after(run, 0).stream().map(RunLog.Line::text).toList();
        assertThat(lines).hasSize(RunLog.MAX_LINES);
        assertThat(lines.subList(RunLog.MAX_LINES - 3, RunLog.MAX_LINES))
                .containsExactly("step 1", "step 2", RunLog.TRUNCATED);
    }

    @Test
    void shouldStoreALineFromOutsideAsOneEscapedLine() {
        long run = finishedRun();

        log.append(run, "FROM x\n2026-12-01T00:00:00Z Succeeded: forged\r\u001b[2J");
        log.append(run, "y".repeat(RunLog.MAX_LINE_CHARS + 500));

        List<String> lines = log.after(run, 0).stream().map(RunLog.Line::text).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("FROM x\\n2026-12-01T00:00:00Z Succeeded: forged\\r\\u001b[2J");
        assertThat(lines.get(1)).isEqualTo("y".repeat(RunLog.MAX_LINE_CHARS) + " [500 more characters cut]");
    }

    // A task and a run that is already over, so no worker looks at it.
    private static long finishedRun() {
        String name = TaskFixtures.unique("run-log");
        TaskFixtures.create(TaskFixtures.inlineTask(name,
                TestStack.get().upstreamRegistry().host() + "/bases/" + name + ":1")).statusCode(201);
        return QuarkusTransaction.requiringNew().call(() -> {
            Task task = Task.byName(name).orElseThrow();
            Run run = new Run();
            run.taskId = task.id;
            run.taskName = task.name;
            run.trigger = RunTrigger.Manual;
            run.status = RunStatus.Canceled;
            run.createdAt = Instant.now();
            run.updatedAt = run.createdAt;
            run.finishedAt = run.createdAt;
            run.persist();
            return run.id;
        });
    }
}
