package dev.drydock.dashboard;

import static dev.drydock.dashboard.DashboardFixtures.asAdmin;
import static dev.drydock.dashboard.DashboardFixtures.asReader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Imports page: the form starts a job, the list shows it with its progress and digest, errors in words. */
@QuarkusTest
class ImportPagesTest {

    @Test
    void shouldStartAnImportFromTheFormAndShowItsProgress() throws Exception {
        String repo = "dash-import/app-" + UUID.randomUUID().toString().substring(0, 8);
        TestImages.PushedImage image = TestImages.push(TestStack.get().upstreamRegistry().host() + "/" + repo + ":1");

        String location = asAdmin().formParam("source", image.reference()).formParam("platforms", "all")
                .post("/imports").then().statusCode(303).extract().header("Location");
        assertThat(location).contains("/imports?started=");
        String id = location.replaceAll(".*started=(\\d+).*", "$1");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String table = "";
        while (Instant.now().isBefore(deadline) && !row(table, id).contains("Succeeded")) {
            table = asAdmin().get("/imports?part=table").then().statusCode(200).extract().asString();
            Thread.sleep(100);
        }
        assertThat(row(table, id)).as(table).contains("Succeeded")
                .contains(image.digest().substring(0, 15)).contains("value=\"100\"").contains("2 of 2 blobs");
        asAdmin().get("/imports").then().statusCode(200).body(containsString("Start import"))
                .body(containsString("aria-current=\"page\">Imports"));
    }

    /** This job's row only: other tests' imports share the table. */
    private static String row(String table, String id) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<tr id=\"import-" + id + "\".*?</tr>", java.util.regex.Pattern.DOTALL)
                .matcher(table);
        return m.find() ? m.group() : "";
    }

    @Test
    void shouldShowWhyTheFormWasRefusedAndKeepWhatWasTyped() {
        asAdmin().formParam("source", "UPPER/x:1").formParam("targets", "a:1").post("/imports").then().statusCode(400)
                .body(containsString("source: ")).body(containsString("value=\"UPPER/x:1\""));
    }

    @Test
    void shouldLetAReaderSeeButNotStartImports() {
        asReader().get("/imports").then().statusCode(200).body(not(containsString("Start import")));
        asReader().formParam("source", "x").post("/imports").then().statusCode(403);
    }
}
