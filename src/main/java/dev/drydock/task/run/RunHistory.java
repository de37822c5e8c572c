package dev.drydock.task.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The runs that matter for every task at once, one query each: what freshness is judged from. */
@ApplicationScoped
public class RunHistory {

    @Inject
    EntityManager em;

    /** Each task's newest Succeeded run, by task id. */
    public Map<Long, Run> lastSucceeded() {
        return byTask("SELECT DISTINCT ON (task_id) * FROM run WHERE status = 'Succeeded' ORDER BY task_id, id DESC");
    }

    /** Each task's newest run that has ended, whatever its outcome, by task id. */
    public Map<Long, Run> latestFinished() {
        return byTask("""
                SELECT DISTINCT ON (task_id) * FROM run
                WHERE status IN ('Succeeded', 'Failed', 'Canceled', 'Error', 'Timeout') ORDER BY task_id, id DESC""");
    }

    /** Each task's oldest run that has not ended (Queued, Started or Running), by task id. */
    public Map<Long, Run> oldestActive() {
        return byTask("""
                SELECT DISTINCT ON (task_id) * FROM run
                WHERE status IN ('Queued', 'Started', 'Running') ORDER BY task_id, id""");
    }

    private Map<Long, Run> byTask(String sql) {
        @SuppressWarnings("unchecked")
        List<Run> runs = em.createNativeQuery(sql, Run.class).getResultList();
        Map<Long, Run> result = new HashMap<>();
        runs.forEach(run -> result.put(run.taskId, run));
        return result;
    }
}
