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
