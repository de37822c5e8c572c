package dev.drydock.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.drydock.task.TaskFixtures;
import dev.drydock.task.run.RunService;
import dev.drydock.task.run.RunTrigger;
import dev.drydock.testing.DrydockStackResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard with 2,000 bases and 200 tasks (issue 15): the bases and tasks pages search and page, the graph
 * draws a neighbourhood (cut, with a message, when it is too large) instead of everything, and pending rebuilds
 * are grouped by cause with progress. Each page's load time is measured and written to
 * {@code target/dashboard-at-scale.txt}.
 */
@QuarkusTest
class DashboardAtScaleTest {

    static final int BASES = 2_000;
    static final int TASKS = 200;
    /** Tasks FROM the first base: more than the graph draws at once. */
    static final int FAN_OUT = 70;
    static final String PREFIX = "127.0.0.1:1/scale/app-";

    private static Browser browser;
    private static final List<Long> parked = new ArrayList<>();
    private static final List<String> tasks = new ArrayList<>();

    @TestHTTPResource("/")
    URL root;

    @Inject
    AgroalDataSource db;

    @Inject
    RunService runs;

    @BeforeAll
    static void launch() {
        browser = Browser.launch();
    }

    @AfterAll
    static void close() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void shouldSearchPageAndFocusEveryPageWithTwoThousandBases() throws Exception {
        long loadStart = System.nanoTime();
        load();
        long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
        try (BrowserContext context = browser.context(root.toString(), 1280, 800)) {
            Page page = Browser.signIn(context, "/bases", DrydockStackResource.READ_TOKEN);
            Map<String, Long> millis = new LinkedHashMap<>();

            millis.put("/bases", timed(page, "/bases"));
            assertThat(page.locator("table.bases tbody tr")).hasCount(100);
            assertThat(page.locator("nav.pager a[rel=next]")).isVisible();
            page.getByLabel("Reference contains").fill("app-0042:");
            page.locator("form[aria-label='Filter bases'] button").click();
            page.waitForURL(url -> url.contains("q=app-0042"));
            assertThat(page.locator("table.bases tbody tr")).hasCount(1);
            millis.put("/bases?q=app-0042:", timed(page, "/bases?q=" + enc("app-0042:")));

            millis.put("/tasks", timed(page, "/tasks"));
            assertThat(page.locator("table.tasks tbody tr")).hasCount(50);
            millis.put("/tasks?q=scale-0150", timed(page, "/tasks?q=scale-0150"));
            assertThat(page.locator("table.tasks tbody tr")).hasCount(1);

            millis.put("/runs", timed(page, "/runs"));
            millis.put("/runs?task=scale-0001", timed(page, "/runs?task=scale-0001"));
            assertThat(page.locator("h1")).hasText("Runs");

            millis.put("/graph", timed(page, "/graph"));
            assertThat(page.locator("#graph-notice")).containsText("too many to draw at once");
            assertThat(page.locator("svg.graph")).hasCount(0);

            millis.put("/graph?base=app-0000", timed(page, "/graph?base=" + enc(PREFIX + "0000:1")));
            assertThat(page.locator("#graph-notice")).containsText("the nearest 120 are drawn");
            Assertions.assertThat(page.locator("svg.graph a").count()).isLessThanOrEqualTo(120);
            assertThat(page.locator("#selection")).containsText("rebuilds " + FAN_OUT + " tasks");

            millis.put("/graph?task=scale-0150", timed(page, "/graph?task=scale-0150"));
            assertThat(page.locator("svg.graph a[href='/tasks/scale-0150']")).hasCount(1);
            assertThat(page.locator("svg.graph a[aria-label^='Image " + PREFIX + "0150:1']")).hasCount(1);

            millis.put("/", timed(page, "/"));
            assertThat(page.locator("tr.cause-group").filter(new com.microsoft.playwright.Locator.FilterOptions()
                    .setHasText("app-0000"))).containsText("0 of " + parked.size());

            report(loadMillis, millis);
            millis.forEach((path, ms) -> Assertions.assertThat(ms).as("load time of " + path + " in ms").isLessThan(10_000));
        } finally {
            parked.forEach(id -> DashboardFixtures.end(runs, id));
            tasks.forEach(t -> given().delete("/api/v1/tasks/" + t));
            try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                    "DELETE FROM base WHERE reference LIKE ?")) {
                s.setString(1, PREFIX + "%");
                s.executeUpdate();
            }
        }
    }

    /** 2,000 bases straight into the table (never due for a check), 200 tasks through the API, 4 at a time. */
    private void load() throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO base (reference, registry, digest, status, interval_seconds, tracked_explicitly, "
                        + "last_checked_at, next_check_at) VALUES (?, '127.0.0.1:1', ?, 'ok', 86400, true, now(), "
                        + "now() + interval '30 days')")) {
            for (int i = 0; i < BASES; i++) {
                s.setString(1, base(i));
                s.setString(2, "sha256:" + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(base(i).getBytes(StandardCharsets.UTF_8))));
                s.addBatch();
            }
            s.executeBatch();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                String name = String.format("scale-%04d", i);
                String from = i < FAN_OUT ? base(0) : base(i);
                tasks.add(name);
                Map<String, Object> task = Map.of("name", name,
                        "source", Map.of("inline", Map.of("files", Map.of("Dockerfile", "FROM " + from + "\n"))),
                        "images", List.of(TaskFixtures.privateImage(name)));
                created.add(pool.submit(() -> TaskFixtures.create(task).statusCode(201)));
            }
            for (Future<?> f : created) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        String cause = "[{\"kind\":\"base-change\",\"reference\":\"" + base(0) + "\",\"previousDigest\":\"sha256:"
                + "a".repeat(64) + "\",\"digest\":\"sha256:" + "b".repeat(64) + "\",\"detectedBy\":\"poll\",\"at\":\""
                + Instant.now() + "\"}]";
        IntStream.range(1, 6).forEach(i -> parked.add(DashboardFixtures.parkedRun(String.format("scale-%04d", i),
                RunTrigger.ImageUpdate, cause, "{}")));
    }

    private static String base(int i) {
        return String.format(PREFIX + "%04d:1", i);
    }

    /** Navigates and answers how long until the page's load event, in milliseconds. */
    private static long timed(Page page, String path) {
        long start = System.nanoTime();
        page.navigate(path);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void report(long loadMillis, Map<String, Long> millis) throws Exception {
        String text = "dashboard with " + BASES + " bases and " + TASKS + " tasks (loaded in " + loadMillis + " ms)\n"
                + millis.entrySet().stream().map(e -> String.format("%-28s %6d ms", e.getKey(), e.getValue()))
                        .collect(Collectors.joining("\n")) + "\n";
        System.out.println(text);
        Files.writeString(Path.of("target", "dashboard-at-scale.txt"), text);
    }
}
