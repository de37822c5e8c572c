package dev.drydock.task.run;

import dev.drydock.logging.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * A run's log: timestamped lines, appended as they happen (each in its own transaction, so they survive a crash).
 * Lines hold text from repositories, build files and registries, so each is escaped ({@link LogText}) and cut at
 * {@link #MAX_LINE_CHARS}; a run keeps at most {@link #MAX_LINES} lines, the last of which says the log was cut.
 */
@ApplicationScoped
public class RunLog {

    /** The most characters of one line that are kept. */
    public static final int MAX_LINE_CHARS = 2_000;

    /** The most lines one run's log holds, the truncation marker included. */
    public static final int MAX_LINES = 5_000;

    static final String TRUNCATED = "[the log of this run is cut here: it reached " + MAX_LINES + " lines]";

    @Inject
    EntityManager em;

    /** One line of the log with its position, for followers to continue after. */
    public record Line(long seq, Instant at, String text) {
        public String format() {
            return at + " " + text;
        }
    }

    /** Appends a line, unless the run's log is full; the line that fills it is the truncation marker. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void append(long runId, String line) {
        em.createNativeQuery("""
                INSERT INTO run_log (run_id, line)
                SELECT :run, CASE WHEN lines < :max - 1 THEN :line ELSE :marker END
                FROM (SELECT count(*) AS lines FROM run_log WHERE run_id = :run) counted
                WHERE lines < :max""")
                .setParameter("run", runId).setParameter("line", line(line))
                .setParameter("max", MAX_LINES).setParameter("marker", TRUNCATED).executeUpdate();
    }

    /** What is stored of a line: escaped, then cut at {@link #MAX_LINE_CHARS} with a note of how much was cut. */
    static String line(String text) {
        String escaped = LogText.escape(text);
        if (escaped.length() <= MAX_LINE_CHARS) {
            return escaped;
        }
        int cut = Character.isHighSurrogate(escaped.charAt(MAX_LINE_CHARS - 1)) ? MAX_LINE_CHARS - 1 : MAX_LINE_CHARS;
        return escaped.substring(0, cut) + " [" + (escaped.length() - cut)
                + " more characters cut]";
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
