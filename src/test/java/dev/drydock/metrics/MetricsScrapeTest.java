package dev.drydock.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** A scrape of /q/metrics reads gauges from memory: scraping runs no SQL, however often Prometheus asks. */
@QuarkusTest
class MetricsScrapeTest {

    static final int SCRAPES = 50;

    @Inject
    AgroalDataSource db;

    @Test
    void shouldScrapeWithoutTakingADatabaseConnection() throws InterruptedException {
        long probe = db.getMetrics().acquireCount();
        given().get("/api/v1/tasks").then().statusCode(200);
        assertThat(db.getMetrics().acquireCount()).as("the pool counts the connections requests take").isGreaterThan(probe);

        long start = System.nanoTime();
        long before = db.getMetrics().acquireCount();
        for (int i = 0; i < SCRAPES; i++) {
            given().get("/q/metrics").then().statusCode(200);
        }
        long scraping = db.getMetrics().acquireCount() - before;
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        // The poller, the relay and the scheduler take connections all the time: measure them over a window as long
        // as the scrapes took, without scrapes.
        long quietStart = db.getMetrics().acquireCount();
        Thread.sleep(elapsedMillis);
        long quiet = db.getMetrics().acquireCount() - quietStart;

        // Counting per scrape took 13 connections each (runs by status, queue depth, outbox): 650 on top of the rest.
        assertThat(scraping).as("connections taken during " + SCRAPES + " scrapes, against " + quiet + " without")
                .isLessThan(quiet * 2 + SCRAPES / 2);
    }
}
