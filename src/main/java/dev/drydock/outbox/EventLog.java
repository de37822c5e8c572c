package dev.drydock.outbox;

import dev.drydock.logging.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

/**
 * One INFO line per application event (base changes, runs created, started and ended), written after the
 * transaction that made the change committed, so the log never tells of a change that was rolled back.
 * The category is {@code dev.drydock.events}.
 */
@ApplicationScoped
public class EventLog {

    private static final Logger LOG = Logger.getLogger("dev.drydock.events");

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxAppended appended) {
        if (appended.summary() != null) {
            LOG.info(LogText.escape(appended.summary()));
        }
    }
}
