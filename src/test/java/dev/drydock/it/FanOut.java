package dev.drydock.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestRegistry;
import dev.drydock.testing.TestStack;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * N tasks FROM one base, registered with a drydock process, and what a fault scenario checks of their end state.
 * The base is pushed to the stack's upstream registry and watched under {@code baseHost} (the upstream itself, or
 * a proxy in front of it); images go to whatever private registry the drydock process was given.
 */
final class FanOut {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(100);

    private final TestStack stack;
    private final String name;
    private final String base;
    private final String basePush;
    private final String imageHost;
    private final int size;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private DrydockProcess drydock;
    private long baseId;

    /** A run as the database holds it. */
    record RunRow(long id, String task, String status, String pinned, Instant finishedAt) {}

    private FanOut(TestStack stack, String name, TestRegistry baseHost, TestRegistry imageHost, int size) {
        this.stack = stack;
        this.name = name;
        this.base = baseHost.host() + "/faults/" + name + ":1";
        this.basePush = stack.upstreamRegistry().host() + "/faults/" + name + ":1";
        this.imageHost = imageHost.host();
        this.size = size;
    }

    /** Pushes the base's first digest and registers {@code size} tasks FROM it with {@code drydock}. */
    static FanOut register(TestStack stack, DrydockProcess drydock, String name, TestRegistry baseHost,
            TestRegistry imageHost, int size) throws Exception {
        FanOut fanOut = new FanOut(stack, name, baseHost, imageHost, size);
        fanOut.drydock = drydock;
        fanOut.pushNewDigest();
        List<CompletableFuture<Void>> registrations = IntStream.range(0, size).mapToObj(i -> CompletableFuture.runAsync(() -> {
            String task = """
                    {"name":"%s","source":{"inline":{"files":{"Dockerfile":"FROM %s\\nCOPY a.txt /a.txt\\n","a.txt":"%d\\n"}}},
                     "images":["%s"]}""".formatted(fanOut.task(i), fanOut.base, i, fanOut.image(i));
            HttpResponse<String> created = call(drydock, "POST", "/api/v1/tasks", task);
            if (created.statusCode() != 201) {
                throw new IllegalStateException("task " + i + ": " + created.statusCode() + " " + created.body());
            }
        })).toList();
        CompletableFuture.allOf(registrations.toArray(CompletableFuture[]::new)).join();
        fanOut.baseId = fanOut.awaitBaseTracked();
        return fanOut;
    }

    void use(DrydockProcess replacement) {
        this.drydock = replacement;
    }

    DrydockProcess drydock() {
        return drydock;
    }

    int size() {
        return size;
    }

    String name() {
        return name;
    }

    /** host/repository:tag of the base as drydock watches it. */
    String base() {
        return base;
    }

    /** Publishes a new image (a new digest) under the base's tag; returns the digest. */
    String pushNewDigest() {
        String digest = TestImages.push(basePush).digest();
        labels.put(digest, "d" + labels.size());
        return digest;
    }

    /** Asks drydock to check the base now (what a poll or webhook would do). */
    void check() throws Exception {
        HttpResponse<String> checked = call(drydock, "POST", "/api/v1/bases/" + baseId + "/check", null);
        assertThat(checked.statusCode()).as(checked.body()).isLessThan(500);
    }

    /** A CNCF Distribution notification for a push of {@code digest} to the base's tag, as the registry sends it. */
    String notification(String digest) {
        String repository = base.substring(base.indexOf('/') + 1, base.lastIndexOf(':'));
        String host = base.substring(0, base.indexOf('/'));
        return """
                {"events":[{"id":"%s","timestamp":"%s","action":"push",
                  "target":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","repository":"%s",
                            "tag":"1","url":"http://%s/v2/%s/manifests/%s"},
                  "request":{"host":"%s"}}]}""".formatted(UUID.randomUUID(), Instant.now(), digest, repository, host,
                repository, digest, host);
    }

    HttpResponse<String> deliver(String notification) throws IOException, InterruptedException {
        return drydock.callWith("POST", "/api/v1/webhooks/registry/distribution", notification,
                "Bearer " + DrydockProcess.WEBHOOK_SECRET, "application/vnd.docker.distribution.events.v1+json");
    }

    /** The highest run id so far: the runs of the next phase are the ones above it. */
    long watermark() throws SQLException {
        try (Connection db = db(); ResultSet rs = db.createStatement().executeQuery("SELECT coalesce(max(id), 0) FROM run")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits until a run of this phase is being built, so that a fault lands in the middle of the fan-out. */
    void awaitBuilding(long after, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (runs(after).stream().anyMatch(r -> r.status().equals("Started") || r.status().equals("Running"))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no run of " + name + " started within " + timeout + ": " + describe(after, ""));
    }

    /** How many tasks had no finished run of this phase yet: evidence that the fault hit a fan-out in flight. */
    int unfinished(long after) throws SQLException {
        return size - (int) runs(after).stream().filter(r -> r.finishedAt() != null).map(RunRow::task).distinct().count();
    }

    /**
     * Waits until every task has a Succeeded run of this phase pinned to {@code digest}, no run is Queued, Started
     * or Running and the outbox is drained; returns the time from {@code since}. Fails with the state it saw.
     */
    Duration awaitSettled(long after, String digest, Instant since, Duration timeout) throws Exception {
        Instant deadline = since.plus(timeout);
        String last = "(never read)";
        while (Instant.now().isBefore(deadline)) {
            try {
                if (settled(after, digest)) {
                    return Duration.between(since, Instant.now());
                }
                last = describe(after, digest);
            } catch (SQLException e) {
                last = "database: " + e.getMessage();
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new AssertionError(name + " not settled on " + label(digest) + " " + timeout + " after the fault ended; "
                + last + evidence(after));
    }

    /**
     * What issue 13 asks of every scenario once settled: each task has exactly one Succeeded run of this phase for
     * {@code digest} and no Succeeded run of a superseded digest after it; each image's base-digest label is
     * {@code digest}; the base is recorded at {@code digest}, which is what the upstream serves.
     */
    void assertConverged(long after, String digest) throws Exception {
        assertThat(Skopeo.digest(basePush)).as("the upstream's digest of the base").isEqualTo(digest);
        try (Connection db = db(); ResultSet rs = db.createStatement().executeQuery(
                "SELECT digest FROM base WHERE id = " + baseId)) {
            rs.next();
            assertThat(rs.getString(1)).as("the base's digest as drydock recorded it").isEqualTo(digest);
        }
        List<RunRow> runs = runs(after);
        for (int i = 0; i < size; i++) {
            String task = task(i);
            List<RunRow> own = runs.stream().filter(r -> r.task().equals(task)).toList();
            List<RunRow> finalRuns = own.stream()
                    .filter(r -> r.status().equals("Succeeded") && digest.equals(pinnedDigest(r))).toList();
            assertThat(finalRuns).as("%s: Succeeded runs for the final digest among %s", task, describe(own)).hasSize(1);
            Instant finished = finalRuns.get(0).finishedAt();
            assertThat(own).as("%s: Succeeded runs of a superseded digest after the final one", task)
                    .noneMatch(r -> r.status().equals("Succeeded") && !digest.equals(pinnedDigest(r))
                            && r.finishedAt().isAfter(finished));
            JsonNode config = Skopeo.config(image(i));
            assertThat(config.path("config").path("Labels").path("org.opencontainers.image.base.digest").asText())
                    .as("%s: base-digest label", image(i)).isEqualTo(digest);
        }
        assertThat(stuck(runs)).as("runs left Queued, Started or Running").isEmpty();
        assertThat(unpublishedOutboxRows()).as("outbox rows not yet published").isZero();
        freshnessBehind().ifPresent(behind -> assertThat(behind).as("freshness: images behind").isEmpty());
    }

    /** What {@code GET /api/v1/freshness} lists as behind; empty when this build has no freshness API yet. */
    Optional<List<String>> freshnessBehind() throws Exception {
        HttpResponse<String> freshness = call(drydock, "GET", "/api/v1/freshness?size=200", null);
        if (freshness.statusCode() == 404) {
            return Optional.empty();
        }
        assertThat(freshness.statusCode()).as(freshness.body()).isEqualTo(200);
        List<String> behind = new ArrayList<>();
        JsonNode body = JSON.readTree(freshness.body());
        JsonNode items = body.has("behind") ? body.get("behind") : body.path("items");
        items.forEach(item -> {
            if (item.path("task").asText("").startsWith(name + "-") && !item.path("upToDate").asBoolean(false)) {
                behind.add(item.toString());
            }
        });
        return Optional.of(behind);
    }

    String label(String digest) {
        return labels.getOrDefault(digest, digest);
    }

    private boolean settled(long after, String digest) throws SQLException {
        List<RunRow> runs = runs(after);
        if (!stuck(runs).isEmpty() || unpublishedOutboxRows() > 0) {
            return false;
        }
        return IntStream.range(0, size).mapToObj(this::task).allMatch(task -> runs.stream().anyMatch(r ->
                r.task().equals(task) && r.status().equals("Succeeded") && digest.equals(pinnedDigest(r))));
    }

    private static List<RunRow> stuck(List<RunRow> runs) {
        return runs.stream().filter(r -> List.of("Queued", "Started", "Running").contains(r.status())).toList();
    }

    /** Runs of this phase counted by status and pinned digest, e.g. {Succeeded@d2=3, Queued@d3=1}. */
    String describe(long after, String digest) throws SQLException {
        return describe(runs(after)) + ", outbox unpublished " + unpublishedOutboxRows() + ", final " + label(digest);
    }

    /** The error and last log lines of the newest run of this phase that did not succeed, if any. */
    private String evidence(long after) {
        try (Connection db = db(); var statement = db.prepareStatement("""
                SELECT r.id, r.status, r.error, (SELECT string_agg(line, ' | ' ORDER BY seq) FROM
                    (SELECT line, seq FROM run_log WHERE run_id = r.id ORDER BY seq DESC LIMIT 6) l)
                FROM run r WHERE r.id > ? AND r.task_name LIKE ? AND r.status <> 'Succeeded' ORDER BY r.id DESC LIMIT 1""")) {
            statement.setLong(1, after);
            statement.setString(2, name + "-%");
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? "; run " + rs.getLong(1) + " " + rs.getString(2) + ": " + rs.getString(3)
                        + " — log: " + rs.getString(4) : "";
            }
        } catch (SQLException e) {
            return "";
        }
    }

    private String describe(List<RunRow> runs) {
        Map<String, Integer> counts = new TreeMap<>();
        runs.forEach(r -> counts.merge(r.status() + "@" + label(pinnedDigest(r)), 1, Integer::sum));
        return counts.toString();
    }

    private String pinnedDigest(RunRow run) {
        try {
            return JSON.readTree(run.pinned()).path(base).asText("");
        } catch (IOException e) {
            return "";
        }
    }

    List<RunRow> runs(long after) throws SQLException {
        List<RunRow> rows = new ArrayList<>();
        try (Connection db = db(); var statement = db.prepareStatement(
                "SELECT id, task_name, status, pinned, finished_at FROM run WHERE id > ? AND task_name LIKE ? ORDER BY id")) {
            statement.setLong(1, after);
            statement.setString(2, name + "-%");
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    var finished = rs.getTimestamp(5);
                    rows.add(new RunRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            finished == null ? null : finished.toInstant()));
                }
            }
        }
        return rows;
    }

    private long unpublishedOutboxRows() throws SQLException {
        try (Connection db = db(); ResultSet rs = db.createStatement().executeQuery(
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection db() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", stack.dbUser());
        props.setProperty("password", stack.dbPassword());
        props.setProperty("connectTimeout", "2");
        props.setProperty("socketTimeout", "10");
        return DriverManager.getConnection(stack.jdbcUrl(), props);
    }

    private long awaitBaseTracked() throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonNode items = JSON.readTree(call(drydock, "GET", "/api/v1/bases?reference=" + base, null).body()).path("items");
            for (JsonNode b : items) {
                if (b.path("reference").asText().equals(base) && b.path("digest").isTextual()) {
                    return b.get("id").asLong();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("base " + base + " never got its first digest");
    }

    String task(int i) {
        return name + "-" + i;
    }

    String image(int i) {
        return imageHost + "/faults/" + task(i) + ":latest";
    }

    private static HttpResponse<String> call(DrydockProcess drydock, String method, String path, String json) {
        try {
            return drydock.call(method, path, json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path logs() {
        return TestStack.workDir().resolve("fault-logs");
    }
}
