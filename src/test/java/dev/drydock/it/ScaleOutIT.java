package dev.drydock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.testing.LocalRegistry;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three drydock replicas (separate processes, {@code DRYDOCK_REPLICA_ID} replica-1..3) on one PostgreSQL and one
 * Kafka: bases are checked once per pass across them, a fan-out is built once per task and spread over them, a
 * replica's live view shows what another built, a timer fires once, and kill -9 of a replica in the middle of a
 * fan-out leaves every run finished once by the others. Issue 20; {@code bench/scale} measures the same at size.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REPLICAS = 3;
    private static final int TASKS = 24;
    private static final int BASES = 20;
    private static final int INTERVAL_SECONDS = 10;
    private static final DateTimeFormatter ACCESS_LOG_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
            Locale.ROOT);

    private static final String ID = UUID.randomUUID().toString().substring(0, 6);
    private static final List<DrydockProcess> replicas = new ArrayList<>();
    private static FanOut fanOut;
    private static String timerTask;

    @BeforeAll
    static void startThreeReplicas() throws Exception {
        TestStack stack = TestStack.get();
        Path logs = TestStack.workDir().resolve("scale-logs");
        List<CompletableFuture<DrydockProcess>> starting = IntStream.rangeClosed(1, REPLICAS)
                .mapToObj(n -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return DrydockProcess.start(stack, logs.resolve(ID + "-replica-" + n + ".log"),
                                Map.of("DRYDOCK_REPLICA_ID", "replica-" + n));
                    } catch (Exception e) {
                        throw new IllegalStateException("replica " + n + " did not start", e);
                    }
                })).toList();
        for (CompletableFuture<DrydockProcess> replica : starting) {
            replicas.add(replica.join());
        }
        // A timer due every minute, created first: the minutes that pass while the other tests run are its evidence.
        timerTask = "scale-timer-" + ID;
        String base = stack.upstreamRegistry().host() + "/scale/timer-base-" + ID + ":1";
        TestImages.push(base);
        HttpResponse<String> created = replica(1).call("POST", "/api/v1/tasks", """
                {"name":"%s","source":{"inline":{"files":{"Dockerfile":"FROM %s\\nCOPY a.txt /a.txt\\n","a.txt":"t\\n"}}},
                 "images":["%s/scale/%s:latest"],"triggers":{"timers":[{"name":"every-minute","schedule":"* * * * *"}]}}"""
                .formatted(timerTask, base, stack.privateRegistry().host(), timerTask));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterAll
    static void stopReplicas() {
        replicas.forEach(DrydockProcess::close);
    }

    @Test
    @Order(1)
    void shouldCheckEachBaseOncePerPassAcrossTheReplicas() throws Exception {
        TestStack stack = TestStack.get();
        assumeThat(stack.upstreamRegistry()).as("the access log of a local upstream registry").isInstanceOf(LocalRegistry.class);
        Path accessLog = ((LocalRegistry) stack.upstreamRegistry()).log();
        String prefix = "scale/bases-" + ID + "/b";
        for (int i = 0; i < BASES; i++) {
            TestImages.push(stack.upstreamRegistry().host() + "/" + prefix + i + ":1");
        }
        for (int i = 0; i < BASES; i++) {
            HttpResponse<String> tracked = replica(1 + i % REPLICAS).call("POST", "/api/v1/bases",
                    "{\"reference\":\"%s/%s%d:1\",\"intervalSeconds\":%d}".formatted(stack.upstreamRegistry().host(),
                            prefix, i, INTERVAL_SECONDS));
            assertThat(tracked.statusCode()).as(tracked.body()).isIn(200, 201);
        }
        // After the first interval every base is on its steady schedule; two passes after that are the sample.
        Instant from = Instant.now().plusSeconds(INTERVAL_SECONDS + 2);
        await().atMost(Duration.ofSeconds(INTERVAL_SECONDS * 6L)).pollInterval(Duration.ofSeconds(1))
                .until(() -> checks(accessLog, prefix, from).values().stream().filter(c -> c.size() >= 2).count() == BASES);

        Map<String, List<Instant>> checks = checks(accessLog, prefix, from);
        double minimumGap = INTERVAL_SECONDS * 0.9 - 1; // the jitter (10 %) and the log's whole seconds
        checks.forEach((base, times) -> {
            for (int i = 1; i < times.size(); i++) {
                long gap = Duration.between(times.get(i - 1), times.get(i)).toSeconds();
                assertThat(gap).as("%s checked twice within one pass: %s", base, times).isGreaterThanOrEqualTo((long) minimumGap);
            }
        });
    }

    @Test
    @Order(2)
    void shouldBuildEachRunOnceSpreadOverTheReplicasAndShowItOnAnotherReplicasLiveView() throws Exception {
        TestStack stack = TestStack.get();
        fanOut = FanOut.register(stack, replica(1), "scale-" + ID, stack.upstreamRegistry(), stack.privateRegistry(), TASKS);
        try (LiveView live = LiveView.open(replica(1))) {
            long after = fanOut.watermark();
            String digest = fanOut.pushNewDigest();
            Instant changed = Instant.now();
            fanOut.check();
            fanOut.awaitSettled(after, digest, changed, Duration.ofSeconds(180));
            fanOut.assertConverged(after, digest);

            Map<String, List<Long>> byReplica = new TreeMap<>();
            for (FanOut.RunRow run : fanOut.runs(after)) {
                if (run.status().equals("Succeeded")) {
                    byReplica.computeIfAbsent(replicaOf(replica(1), run.id()), k -> new ArrayList<>()).add(run.id());
                }
            }
            System.out.printf("scale-out: %d runs built by %s%n", TASKS, byReplica.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue().size()).collect(Collectors.joining(", ")));
            assertThat(byReplica.keySet()).as("the replicas that built the fan-out").containsExactly(
                    "replica-1", "replica-2", "replica-3");

            List<Long> builtElsewhere = byReplica.get("replica-3");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(builtElsewhere).as("runs replica-3 built, on replica-1's live view")
                            .anyMatch(id -> live.has("run", "\"runId\":" + id + ",")));
        }
    }

    @Test
    @Order(3)
    void shouldFireATimerOnceAMinuteAcrossTheReplicas() throws Exception {
        // Two minutes' firings: by the time the second minute's run exists, every replica has fired the first.
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .until(() -> timerRuns().keySet().size() >= 2);
        Map<Instant, List<Long>> byMinute = timerRuns();
        Instant newest = byMinute.keySet().stream().max(Instant::compareTo).orElseThrow();
        byMinute.forEach((minute, runs) -> {
            if (!minute.equals(newest)) {
                assertThat(runs).as("timer runs of the minute %s", minute).hasSize(1);
            }
        });
    }

    @Test
    @Order(4)
    void shouldFinishEveryRunOnceWhenAReplicaIsKilledInTheMiddleOfAFanOut() throws Exception {
        long after = fanOut.watermark();
        String digest = fanOut.pushNewDigest();
        fanOut.check();
        fanOut.awaitBuilding(after, Duration.ofSeconds(60));
        replica(3).kill9();
        Instant killed = Instant.now();
        int unfinished = fanOut.unfinished(after);

        Duration settled = fanOut.awaitSettled(after, digest, killed, Duration.ofSeconds(180));
        fanOut.assertConverged(after, digest);
        System.out.printf("scale-out: replica-3 killed with %d of %d tasks unfinished; settled %d ms later%n",
                unfinished, TASKS, settled.toMillis());
        assertThat(unfinished).as("the kill landed in the middle of the fan-out").isPositive();
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static DrydockProcess replica(int n) {
        return replicas.get(n - 1);
    }

    /** The replica a run's worker belongs to: its name up to the instance id. */
    private static String replicaOf(DrydockProcess drydock, long runId) throws Exception {
        String worker = JSON.readTree(drydock.call("GET", "/api/v1/runs/" + runId, null).body()).path("worker").asText();
        return worker.substring(0, worker.lastIndexOf('-'));
    }

    /** The timer task's Timer runs by the minute they were created in. */
    private static Map<Instant, List<Long>> timerRuns() throws Exception {
        JsonNode page = JSON.readTree(replica(1).call("GET", "/api/v1/runs?task=" + timerTask + "&size=100", null).body());
        Map<Instant, List<Long>> byMinute = new TreeMap<>();
        for (JsonNode run : page.path("items")) {
            if (run.path("trigger").asText().equals("Timer")) {
                Instant minute = Instant.parse(run.path("createdAt").asText()).truncatedTo(ChronoUnit.MINUTES);
                byMinute.computeIfAbsent(minute, k -> new ArrayList<>()).add(run.path("id").asLong());
            }
        }
        return byMinute;
    }

    /** Each base repository's manifest HEADs in the registry's access log from {@code from} on, in order. */
    private static Map<String, List<Instant>> checks(Path accessLog, String prefix, Instant from) throws Exception {
        Pattern line = Pattern.compile("\\[([^]]+)] \"HEAD /v2/(" + Pattern.quote(prefix) + "\\d+)/manifests/1 ");
        Map<String, List<Instant>> checks = new TreeMap<>();
        try (Stream<String> lines = Files.lines(accessLog)) {
            lines.forEach(l -> {
                Matcher m = line.matcher(l);
                if (m.find()) {
                    Instant at = ZonedDateTime.parse(m.group(1), ACCESS_LOG_TIME).toInstant();
                    if (!at.isBefore(from)) {
                        checks.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(at);
                    }
                }
            });
        }
        return checks;
    }

    /** A replica's dashboard event stream, read as a browser's EventSource reads it. */
    private static final class LiveView implements AutoCloseable {
        private final List<String[]> events = new CopyOnWriteArrayList<>();
        private final HttpResponse<Stream<String>> response;

        private LiveView(HttpResponse<Stream<String>> response) {
            this.response = response;
            Thread reader = new Thread(this::read, "scale-live-view");
            reader.setDaemon(true);
            reader.start();
        }

        static LiveView open(DrydockProcess drydock) throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(drydock.url() + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + DrydockProcess.TOKEN)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            HttpResponse<Stream<String>> stream = client.send(HttpRequest.newBuilder(
                    URI.create(drydock.url() + "/dashboard/events")).header("Accept", "text/event-stream")
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(stream.statusCode()).isEqualTo(200);
            LiveView view = new LiveView(stream);
            await().atMost(Duration.ofSeconds(30)).until(() -> view.has("ready", ""));
            return view;
        }

        boolean has(String name, String fragment) {
            return events.stream().anyMatch(e -> e[0].equals(name) && e[1].contains(fragment));
        }

        private void read() {
            String name = "message";
            StringBuilder data = new StringBuilder();
            try (Stream<String> lines = response.body()) {
                for (String l : (Iterable<String>) lines::iterator) {
                    if (l.isEmpty()) {
                        events.add(new String[] {name, data.toString()});
                        name = "message";
                        data.setLength(0);
                    } else if (l.startsWith("event:")) {
                        name = l.substring(6).strip();
                    } else if (l.startsWith("data:")) {
                        data.append(l.substring(5).stripLeading());
                    }
                }
            } catch (RuntimeException e) {
                // closed
            }
        }

        @Override
        public void close() {
            response.body().close();
        }
    }
}
