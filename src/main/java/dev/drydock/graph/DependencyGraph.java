package dev.drydock.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The base → task → image graph: which tasks build FROM an image (task_dependency) and which images a task
 * pushes (task_output). A task's output with a literal tag is a base of the tasks that build FROM it.
 * Queries walk it breadth-first, one indexed SQL round trip per level.
 */
@ApplicationScoped
public class DependencyGraph {

    @Inject
    EntityManager em;

    /** Replaces what a task depends on and produces. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replace(long taskId, Collection<GraphEdge> dependencies, Collection<String> outputs) {
        em.createNativeQuery("DELETE FROM task_dependency WHERE task_id = :id").setParameter("id", taskId).executeUpdate();
        em.createNativeQuery("DELETE FROM task_output WHERE task_id = :id").setParameter("id", taskId).executeUpdate();
        for (GraphEdge edge : dependencies) {
            em.createNativeQuery("""
                    INSERT INTO task_dependency (task_id, reference, stage, runtime, pinned, platform)
                    VALUES (:task, :ref, :stage, :runtime, :pinned, :platform) ON CONFLICT DO NOTHING""")
                    .setParameter("task", taskId).setParameter("ref", edge.reference()).setParameter("stage", edge.stage())
                    .setParameter("runtime", edge.runtime()).setParameter("pinned", edge.pinned())
                    .setParameter("platform", edge.platform()).executeUpdate();
        }
        for (String output : new HashSet<>(outputs)) {
            em.createNativeQuery("INSERT INTO task_output (task_id, reference) VALUES (:task, :ref)")
                    .setParameter("task", taskId).setParameter("ref", output).executeUpdate();
        }
    }

    /** Writes pending changes so that queries in the same transaction see them. */
    public void flush() {
        em.flush();
    }

    public List<GraphEdge> dependenciesOf(long taskId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT reference, stage, runtime, pinned, platform FROM task_dependency WHERE task_id = :id ORDER BY stage, reference")
                .setParameter("id", taskId).getResultList();
        return rows.stream().map(r -> new GraphEdge((String) r[0], ((Number) r[1]).intValue(), (Boolean) r[2],
                (Boolean) r[3], (String) r[4])).toList();
    }

    public List<String> outputsOf(long taskId) {
        return em.createNativeQuery("SELECT reference FROM task_output WHERE task_id = :id ORDER BY reference", String.class)
                .setParameter("id", taskId).getResultList();
    }

    /** Every task's dependencies at once, by task id (for whole-graph views such as freshness). */
    public Map<Long, List<GraphEdge>> allDependencies() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT task_id, reference, stage, runtime, pinned, platform FROM task_dependency ORDER BY task_id, stage, reference")
                .getResultList();
        Map<Long, List<GraphEdge>> result = new HashMap<>();
        for (Object[] r : rows) {
            result.computeIfAbsent(((Number) r[0]).longValue(), id -> new ArrayList<>()).add(new GraphEdge((String) r[1],
                    ((Number) r[2]).intValue(), (Boolean) r[3], (Boolean) r[4], (String) r[5]));
        }
        return result;
    }

    /** Every task's literal outputs at once, by task id. */
    public Map<Long, List<String>> allOutputs() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT task_id, reference FROM task_output ORDER BY task_id, reference")
                .getResultList();
        Map<Long, List<String>> result = new HashMap<>();
        for (Object[] r : rows) {
            result.computeIfAbsent(((Number) r[0]).longValue(), id -> new ArrayList<>()).add((String) r[1]);
        }
        return result;
    }

    /** Is any task still depending on this image? */
    public boolean hasDependents(String reference) {
        return !em.createNativeQuery("SELECT 1 FROM task_dependency WHERE reference = :ref LIMIT 1")
                .setParameter("ref", reference).getResultList().isEmpty();
    }

    /** Names of the tasks that depend on {@code reference} directly, with whether it is their runtime base. */
    public Map<String, Boolean> directDependents(String reference) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT t.name, bool_or(d.runtime) FROM task_dependency d JOIN task t ON t.id = d.task_id
                WHERE d.reference = :ref GROUP BY t.name ORDER BY t.name""")
                .setParameter("ref", reference).getResultList();
        Map<String, Boolean> result = new LinkedHashMap<>();
        rows.forEach(r -> result.put((String) r[0], (Boolean) r[1]));
        return result;
    }

    /** Every task that depends on {@code reference}, transitively, nearest first; each appears once. */
    public List<Dependent> dependents(String reference) {
        List<Dependent> result = new ArrayList<>();
        Map<String, List<String>> pathTo = new HashMap<>();
        pathTo.put(reference, List.of(reference));
        Set<String> seenTasks = new HashSet<>();
        Set<String> frontier = Set.of(reference);
        int depth = 0;
        while (!frontier.isEmpty()) {
            depth++;
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT d.reference, t.name, bool_or(d.runtime), array_to_string(array_agg(DISTINCT o.reference), ' ')
                    FROM task_dependency d JOIN task t ON t.id = d.task_id
                    LEFT JOIN task_output o ON o.task_id = t.id
                    WHERE d.reference IN (:refs)
                    GROUP BY d.reference, t.name ORDER BY t.name""")
                    .setParameter("refs", frontier).getResultList();
            Set<String> next = new HashSet<>();
            for (Object[] row : rows) {
                String via = (String) row[0];
                String task = (String) row[1];
                if (!seenTasks.add(task)) {
                    continue;
                }
                List<String> path = new ArrayList<>(pathTo.get(via));
                path.add(task);
                result.add(new Dependent(task, depth, (Boolean) row[2], List.copyOf(path)));
                String outputs = (String) row[3];
                if (outputs != null && !outputs.isBlank()) {
                    for (String output : outputs.split(" ")) {
                        if (!pathTo.containsKey(output)) {
                            List<String> outputPath = new ArrayList<>(path);
                            outputPath.add(output);
                            pathTo.put(output, outputPath);
                            next.add(output);
                        }
                    }
                }
            }
            frontier = next;
        }
        return result;
    }

    /**
     * Fails when a task named {@code task} depending on {@code dependencies} and producing {@code outputs} would
     * close a cycle: some task downstream of its outputs (or the task itself) produces one of its dependencies.
     */
    public void checkNoCycle(String task, Collection<String> dependencies, Collection<String> outputs) {
        Set<String> deps = new HashSet<>(dependencies);
        for (String output : outputs) {
            if (deps.contains(output)) {
                throw new CycleException(List.of(output, task, output));
            }
        }
        Deque<List<String>> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (String output : outputs) {
            queue.add(List.of(task, output));
        }
        while (!queue.isEmpty()) {
            List<String> path = queue.poll();
            String image = path.get(path.size() - 1);
            if (!seen.add(image)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT t.name, o.reference FROM task_dependency d JOIN task t ON t.id = d.task_id
                    JOIN task_output o ON o.task_id = t.id
                    WHERE d.reference = :ref AND t.name <> :self""")
                    .setParameter("ref", image).setParameter("self", task).getResultList();
            for (Object[] row : rows) {
                List<String> longer = new ArrayList<>(path);
                longer.add((String) row[0]);
                longer.add((String) row[1]);
                if (deps.contains((String) row[1])) {
                    longer.add(task);
                    throw new CycleException(longer);
                }
                queue.add(longer);
            }
        }
    }
}
