package dev.drydock.task.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** A run's log: timestamped lines, appended as they happen (each in its own transaction, so they survive a crash). */
@ApplicationScoped
public class RunLog {

    @Inject
    EntityManager em;

    /** One line of the log with its position, for followers to continue after. */
    public record Line(long seq, Instant at, String text) {
        public String format() {
            return at + " " + text;
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void append(long runId, String line) {
        em.createNativeQuery("INSERT INTO run_log (run_id, line) VALUES (:run, :line)")
                .setParameter("run", runId).setParameter("line", line).executeUpdate();
    }

    public List<Line> after(long runId, long afterSeq) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT seq, at, line FROM run_log WHERE run_id = :run AND seq > :after ORDER BY seq")
                .setParameter("run", runId).setParameter("after", afterSeq).getResultList();
        return rows.stream().map(r -> new Line(((Number) r[0]).longValue(), toInstant(r[1]), (String) r[2])).toList();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
