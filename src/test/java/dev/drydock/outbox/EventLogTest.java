package dev.drydock.outbox;

import static dev.drydock.task.TaskFixtures.create;
import static dev.drydock.task.TaskFixtures.inlineTask;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The application log tells each event in one INFO line: base changes and runs created, started and ended. */
@QuarkusTest
class EventLogTest {

    @Test
    void shouldLogABaseChangeAndTheRunItCausedFromCreationToItsEnd() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    lines.add(record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger events = Logger.getLogger("dev.drydock.events");
        events.addHandler(handler);
        try {
            String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("logged") + ":1";
            String first = TestImages.push(base).digest();
            String task = unique("logged-app");
            create(inlineTask(task, base)).statusCode(201);
            long baseId = baseId(base, first);
            String second = TestImages.push(base).digest();
            given().post("/api/v1/bases/" + baseId + "/check").then().statusCode(200);

            await().atMost(Duration.ofSeconds(60)).until(() -> lines.stream().anyMatch(l -> l.startsWith("run ")
                    && l.contains(" of " + task + " ended Succeeded")));
            assertThat(lines).anyMatch(l -> l.equals("base " + base + " changed " + first + " → " + second
                    + " (detected by manual)"));
            assertThat(lines).anyMatch(l -> l.contains(" of " + task + " created (ImageUpdate: base " + base + " changed "
                    + first + " → " + second + " (manual))") && l.contains("pinned {" + base + "=" + second + "}"));
            assertThat(lines).anyMatch(l -> l.matches("run \\d+ of " + task + " started"));
        } finally {
            events.removeHandler(handler);
        }
    }

    private static long baseId(String reference, String digest) {
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/bases?reference=" + reference).then()
                .extract().jsonPath().getList("items.digest").contains(digest));
        return given().get("/api/v1/bases?reference=" + reference).then().extract().jsonPath().getLong("items[0].id");
    }
}
