package dev.drydock.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class OutagesTest {

    @Test
    void shouldCallALostOrRefusedDatabaseConnectionAnOutage() {
        assertThat(Outages.isOutage(new PersistenceException(new SQLException("Connection refused", "08001")))).isTrue();
        assertThat(Outages.isOutage(new RuntimeException(new SQLException("I/O error", "08006", new ConnectException())))).isTrue();
        assertThat(Outages.isOutage(new SQLTransientConnectionException("Acquisition timeout while waiting for new connection"))).isTrue();
        assertThat(Outages.isOutage(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(Outages.isOutage(new SQLException("deadlock detected", "40P01"))).isTrue();
    }

    /** What a commit on a lost connection throws, through an intercepted (@Transactional) method: the fault suite saw it. */
    @Test
    void shouldCallACommitThatFailedOnALostConnectionAnOutage() {
        var rollback = new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
        var xa = new javax.transaction.xa.XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        rollback.addSuppressed(xa);

        assertThat(Outages.isOutage(new io.quarkus.arc.ArcUndeclaredThrowableException("Error invoking subclass method",
                rollback))).isTrue();
        var constraint = new jakarta.transaction.RollbackException("could not commit");
        constraint.addSuppressed(new SQLException("duplicate key", "23505"));
        assertThat(Outages.isOutage(constraint)).isFalse();
    }

    @Test
    void shouldTryAgainAfterLosingAnOptimisticLockRace() {
        assertThat(Outages.isOutage(new jakarta.persistence.OptimisticLockException("row was updated"))).isTrue();
    }

    @Test
    void shouldNotCallAConstraintViolationOrABugAnOutage() {
        assertThat(Outages.isOutage(new PersistenceException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(Outages.isOutage(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(Outages.isOutage(new IllegalStateException("bug"))).isFalse();
        assertThat(Outages.isOutage(new ConnectException("a registry, not the database"))).isFalse();
    }

    @Test
    void shouldCallARetriableKafkaErrorAnOutageAndOtherKafkaErrorsNot() {
        assertThat(Outages.isOutage(new RuntimeException(new NotLeaderOrFollowerException("moving")))).isTrue();
        assertThat(Outages.isOutage(new SerializationException("bad bytes"))).isFalse();
    }
}
