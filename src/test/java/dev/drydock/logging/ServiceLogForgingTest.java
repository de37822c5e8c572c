package dev.drydock.logging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A value with line breaks and terminal escapes that reaches the service log — in an exception message built from a
 * request, in a Kafka record drydock cannot read — is written escaped: it never starts a line of its own, and no
 * control character reaches the log. Records are captured as the console writes them: message, then the stack trace.
 */
@QuarkusTest
class ServiceLogForgingTest {

    static final String FORGED = "2026-12-01 00:00:00,000 INFO  [dev.drydock.events] (main) run 1 of forged ended Succeeded";

    final List<String> written = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            StringWriter trace = new StringWriter();
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(trace));
            }
            written.add(message + trace);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureTheServiceLog() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void shouldEscapeAnExceptionMessageBuiltFromARequestInTheUnexpectedFailureLog() {
        String marker = UUID.randomUUID().toString();
        String errorId = given().contentType("text/plain; charset=UTF-8").body(marker + "\n" + FORGED + "\u001b[2J\r\u2028x")
                .post("/test/problem/unexpected").then().statusCode(500).extract().jsonPath().getString("errorId");

        String logged = loggedWith(marker);
        assertThat(logged).contains(errorId, marker + "\\n" + FORGED + "\\u001b[2J\\r\\u2028x");
        assertNoForgedLine(logged);
    }

    @Test
    void shouldEscapeTheRecordOfAnUnreadableRebuildRequestInTheDeadLetterLog() {
        String marker = UUID.randomUUID().toString();
        Properties p = new Properties();
        p.put("bootstrap.servers", TestStack.get().kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("drydock.rebuild-requests", "forged", "not json " + marker + "\n" + FORGED
                    + "\u001b]0;title\u0007")).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }

        String logged = loggedWith(marker);
        assertThat(logged).contains("dead-lettering", marker + "\\n" + FORGED + "\\u001b]0;title\\u0007");
        assertNoForgedLine(logged);
    }

    /** The first captured record holding the marker (the sentinel that the value reached the log). */
    private String loggedWith(String marker) {
        await().atMost(Duration.ofSeconds(30)).until(() -> written.stream().anyMatch(r -> r.contains(marker)));
        return written.stream().filter(r -> r.contains(marker)).findFirst().orElseThrow();
    }

    private static void assertNoForgedLine(String logged) {
        for (String line : logged.split("\r\n|[\n\r\u0085\u2028\u2029]")) {
            assertThat(line).as("a line of the service log").doesNotStartWith(FORGED.substring(0, 10));
        }
        assertThat(logged.chars().filter(c -> c == 0x1b || c == 0x07 || c == '\r' || c == 0x2028).count())
                .as("control characters written to the service log").isZero();
    }
}
