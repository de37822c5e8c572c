package dev.drydock.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.testing.FaultProxy;
import dev.drydock.testing.TestStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The fault suite of issue 13: each scenario starts a stack of its own and a packaged drydock with N tasks FROM
 * one base, settles one change untimed (warm-up), times the same work on a healthy stack (the baseline), then does
 * it again with a fault and times from the fault's end until all is settled. Every scenario then asserts what
 * {@link FanOut#assertConverged} lists: the newest digest won everywhere, nothing stuck, the outbox drained.
 *
 * <p>Sizes are small in the test suite (4 tasks, 5 s outages); {@code bench/faults/run} runs the same class with 40
 * tasks and the outage lengths: system properties {@code drydock.faults.tasks}, {@code drydock.faults.kafka-outage},
 * {@code .postgres-outage}, {@code .registry-outage} (seconds) and {@code drydock.faults.settle-timeout}.
 */
class FaultsIT {

    private static final int TASKS = Integer.getInteger("drydock.faults.tasks", 4);
    private static final Duration KAFKA_OUTAGE = seconds("drydock.faults.kafka-outage", 5);
    private static final Duration POSTGRES_OUTAGE = seconds("drydock.faults.postgres-outage", 5);
    private static final Duration REGISTRY_OUTAGE = seconds("drydock.faults.registry-outage", 5);
    private static final Duration SETTLE = seconds("drydock.faults.settle-timeout", 150);
    private static final Duration START = Duration.ofSeconds(60);

    /** What a phase does to the base: pushes and announces new digests; returns the last one. */
    @FunctionalInterface
    interface Change {
        String make(FanOut fan) throws Exception;
    }

    private static final Change ONE_CHECKED_PUSH = fan -> {
        String digest = fan.pushNewDigest();
        fan.check();
        return digest;
    };

    private static final Change THREE_CHECKED_PUSHES = fan -> {
        ONE_CHECKED_PUSH.make(fan);
        ONE_CHECKED_PUSH.make(fan);
        return ONE_CHECKED_PUSH.make(fan);
    };

    private static final Change ONE_NOTIFIED_PUSH = fan -> {
        String digest = fan.pushNewDigest();
        assertThat(fan.deliver(fan.notification(digest)).statusCode()).isEqualTo(202);
        return digest;
    };

    @Test
    void shouldBuildTheNewDigestOnceForEveryTaskAfterDrydockIsKilledMidFanOut() throws Exception {
        onFreshStack("kill", (stack, fan) -> {
            Duration baseline = baseline(fan, ONE_CHECKED_PUSH);
            long after = fan.watermark();
            String digest = ONE_CHECKED_PUSH.make(fan);
            fan.awaitBuilding(after, START);
            int inFlight = fan.unfinished(after);
            fan.drydock().kill9();
            fan.use(start(stack, "kill-2", Map.of()));
            settle(fan, "1 kill -9 drydock mid fan-out", baseline, after, digest, Instant.now(),
                    inFlight + " tasks unfinished at the kill; from the new process ready");
        });
    }

    @Test
    void shouldBuildOnlyTheLastOfThreeDigestsPushedWhileKafkaWasDown() throws Exception {
        onFreshStack("kafka", (stack, fan) -> {
            Duration baseline = baseline(fan, THREE_CHECKED_PUSHES);
            long after = fan.watermark();
            stack.stopKafka();
            Instant down = Instant.now();
            String digest = THREE_CHECKED_PUSHES.make(fan);
            Thread.sleep(Math.max(0, KAFKA_OUTAGE.minus(Duration.between(down, Instant.now())).toMillis()));
            stack.startKafka();
            settle(fan, "2 Kafka down, 3 digests pushed", baseline, after, digest, Instant.now(),
                    "outage " + KAFKA_OUTAGE.toSeconds() + " s; from the broker ready");
        });
    }

    @Test
    void shouldBuildTheNewDigestForEveryTaskAfterPostgresWasDownMidFanOut() throws Exception {
        onFreshStack("postgres", (stack, fan) -> outageMidFanOut(fan, "3 PostgreSQL down mid fan-out", POSTGRES_OUTAGE,
                stack::stopPostgres, stack::startPostgres));
    }

    @Test
    void shouldBuildTheNewDigestForEveryTaskAfterThePrivateRegistryWasDownMidFanOut() throws Exception {
        onFreshStack("registry", (stack, fan) -> outageMidFanOut(fan, "4 private registry down mid fan-out",
                REGISTRY_OUTAGE, stack::stopPrivateRegistry, stack::startPrivateRegistry));
    }

    @Test
    void shouldBuildOnceForEveryTaskWhenOneNotificationArrivesFiveTimesAtOnce() throws Exception {
        onFreshStack("webhook", (stack, fan) -> {
            Duration baseline = baseline(fan, ONE_NOTIFIED_PUSH);
            long after = fan.watermark();
            String digest = fan.pushNewDigest();
            String notification = fan.notification(digest);
            List<CompletableFuture<Integer>> deliveries = IntStream.range(0, 5).mapToObj(i ->
                    CompletableFuture.supplyAsync(() -> status(fan, notification))).toList();
            assertThat(deliveries.stream().map(CompletableFuture::join)).containsOnly(202);
            settle(fan, "5 one notification x5 at once", baseline, after, digest, Instant.now(),
                    "from the last delivery answered");
        });
    }

    @Test
    void shouldBuildTheNewDigestForEveryTaskThroughRegistriesThatFailTheFirstChecksAndPushes() throws Exception {
        try (TestStack stack = TestStack.startNew();
                FaultProxy upstream = FaultProxy.in(stack.upstreamRegistry());
                FaultProxy registry = FaultProxy.in(stack.privateRegistry())) {
            Map<String, String> env = Map.of("DRYDOCK_PRIVATE_REGISTRY", registry.host(), "DRYDOCK_REGISTRY_INSECURE_HOSTS",
                    String.join(",", registry.host(), upstream.host(), stack.privateRegistry().host(),
                            stack.upstreamRegistry().host()));
            FanOut fan = FanOut.register(stack, start(stack, "flaky", env), "flaky", upstream, registry, TASKS);
            try {
                Duration baseline = baseline(fan, ONE_NOTIFIED_PUSH);
                long after = fan.watermark();
                upstream.failNext("HEAD", "/v2/faults/flaky/manifests/.*", 500, 503, 429);
                registry.failNext("PUT", "/v2/faults/flaky-[0-9]+/manifests/.*", 500, 503, 429);
                String digest = ONE_NOTIFIED_PUSH.make(fan);
                Instant end = awaitFaultsServed(fan, upstream, registry, after);
                settle(fan, "6 registries answer 500/503/429 first", baseline, after, digest, end,
                        "3 failed checks, 3 failed manifest pushes; from the last failure served");
            } finally {
                fan.drydock().close();
            }
        }
    }

    /** What a scenario does with its stack and fan-out. */
    @FunctionalInterface
    private interface Scenario {
        void run(TestStack stack, FanOut fan) throws Exception;
    }

    /** A stack of its own with {@code name}'s tasks registered on a drydock that reaches both registries directly. */
    private static void onFreshStack(String name, Scenario scenario) throws Exception {
        try (TestStack stack = TestStack.startNew()) {
            FanOut fan = FanOut.register(stack, start(stack, name, Map.of()), name, stack.upstreamRegistry(),
                    stack.privateRegistry(), TASKS);
            try {
                scenario.run(stack, fan);
            } finally {
                fan.drydock().close();
            }
        }
    }

    /** A service stops once the fan-out is building, for {@code outage}, and comes back; timed from its return. */
    private static void outageMidFanOut(FanOut fan, String scenario, Duration outage, Runnable stop, Runnable restart)
            throws Exception {
        Duration baseline = baseline(fan, ONE_CHECKED_PUSH);
        long after = fan.watermark();
        String digest = ONE_CHECKED_PUSH.make(fan);
        fan.awaitBuilding(after, START);
        int inFlight = fan.unfinished(after);
        stop.run();
        Thread.sleep(outage.toMillis());
        restart.run();
        settle(fan, scenario, baseline, after, digest, Instant.now(),
                "outage " + outage.toSeconds() + " s, " + inFlight + " tasks unfinished at the stop");
    }

    /** One untimed change (the first builds, JIT warm-up), then the same work as the fault phase, timed. */
    private static Duration baseline(FanOut fan, Change change) throws Exception {
        try {
            long warmUp = fan.watermark();
            Instant since = Instant.now();
            fan.awaitSettled(warmUp, ONE_CHECKED_PUSH.make(fan), since, SETTLE);
            long after = fan.watermark();
            String digest = change.make(fan);
            Duration baseline = fan.awaitSettled(after, digest, Instant.now(), SETTLE);
            fan.assertConverged(after, digest);
            return baseline;
        } catch (AssertionError e) {
            FaultReport.failed(fan.name() + " (healthy baseline)", fan.size(), Duration.ZERO, e.getMessage());
            throw e;
        }
    }

    private static void settle(FanOut fan, String scenario, Duration baseline, long after, String digest, Instant end,
            String note) throws Exception {
        Duration settled;
        try {
            settled = fan.awaitSettled(after, digest, end, SETTLE);
            fan.assertConverged(after, digest);
        } catch (AssertionError e) {
            FaultReport.failed(scenario, fan.size(), baseline, e.getMessage());
            throw e;
        }
        FaultReport.record(scenario, fan.size(), baseline, settled, note);
    }

    /** Waits until drydock asked for every scripted error; returns when the last was served (the fault's end). */
    private static Instant awaitFaultsServed(FanOut fan, FaultProxy upstream, FaultProxy registry, long after)
            throws Exception {
        Instant deadline = Instant.now().plus(SETTLE);
        while (Instant.now().isBefore(deadline)) {
            if (upstream.faultsServed() && registry.faultsServed()) {
                Instant a = upstream.lastFault().orElseThrow();
                Instant b = registry.lastFault().orElseThrow();
                return a.isAfter(b) ? a : b;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the scripted registry errors were not all asked for within " + SETTLE
                + " (upstream served all: " + upstream.faultsServed() + ", private: " + registry.faultsServed()
                + "); runs " + fan.describe(after, ""));
    }

    private static int status(FanOut fan, String notification) {
        try {
            HttpResponse<String> response = fan.deliver(notification);
            return response.statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static DrydockProcess start(TestStack stack, String name, Map<String, String> env) throws Exception {
        return DrydockProcess.start(stack, FanOut.logs().resolve(name + "-" + System.nanoTime() + ".log"), env);
    }

    private static Duration seconds(String property, int fallback) {
        return Duration.ofSeconds(Integer.getInteger(property, fallback));
    }
}
