package dev.drydock.task.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.task.freshness.FreshnessInputs.BaseState;
import dev.drydock.task.freshness.FreshnessInputs.RunSummary;
import dev.drydock.task.freshness.FreshnessInputs.TaskNode;
import dev.drydock.task.run.RunStatus;
import dev.drydock.watch.BaseStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Freshness as a pure function over in-memory tasks, bases and runs. */
class FreshnessTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String JRE = "docker.io/library/eclipse-temurin:21-jre";
    private static final String SHOP_BASE = "registry.example/shop/base:1";
    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);
    private static final String S1 = "sha256:" + "a".repeat(64);
    private static final String S2 = "sha256:" + "b".repeat(64);

    @Test
    void shouldCallATaskUpToDateWhenItsLastSuccessBuiltFromTheCurrentDigest() {
        TaskFreshness app = judge(List.of(task("app", List.of(JRE), List.of(), succeeded(1, Map.of(JRE, D2)), null, null)),
                List.of(ok(JRE, D2, at(5)))).get("app");

        assertThat(app.upToDate()).isTrue();
        assertThat(app.reason()).isNull();
        assertThat(app.bases()).isEmpty();
    }

    @Test
    void shouldCallATaskOutdatedSinceTheBaseChangedWhenNoRunIsQueued() {
        TaskFreshness app = judge(List.of(task("app", List.of(JRE), List.of(), succeeded(1, Map.of(JRE, D1)), null, null)),
                List.of(ok(JRE, D2, at(30)))).get("app");

        assertThat(app.upToDate()).isFalse();
        assertThat(app.reason()).isEqualTo(Reason.OUTDATED);
        assertThat(app.since()).isEqualTo(at(30));
        assertThat(app.bases()).singleElement().satisfies(b -> {
            assertThat(b.reference()).isEqualTo(JRE);
            assertThat(b.builtDigest()).isEqualTo(D1);
            assertThat(b.currentDigest()).isEqualTo(D2);
        });
    }

    @Test
    void shouldSayQueuedOrBuildingWhenARunIsOnItsWay() {
        RunSummary done = succeeded(1, Map.of(JRE, D1));
        Map<String, TaskFreshness> all = judge(List.of(
                task("queued", List.of(JRE), List.of(), done, done, run(2, RunStatus.Queued)),
                task("building", List.of(JRE), List.of(), done, done, run(3, RunStatus.Running))),
                List.of(ok(JRE, D2, at(30))));

        assertThat(all.get("queued").reason()).isEqualTo(Reason.QUEUED);
        assertThat(all.get("queued").runId()).isEqualTo(2L);
        assertThat(all.get("building").reason()).isEqualTo(Reason.BUILDING);
        assertThat(all.get("building").runId()).isEqualTo(3L);
    }

    @Test
    void shouldSayTheRunFailedWhenTheLatestRunAfterTheLastSuccessDidNotSucceed() {
        RunSummary failed = new RunSummary(2, RunStatus.Error, Map.of(JRE, D2), "registry unreachable", at(31), at(40));
        TaskFreshness app = judge(List.of(task("app", List.of(JRE), List.of(), succeeded(1, Map.of(JRE, D1)), failed, null)),
                List.of(ok(JRE, D2, at(30)))).get("app");

        assertThat(app.reason()).isEqualTo(Reason.RUN_FAILED);
        assertThat(app.runId()).isEqualTo(2L);
        assertThat(app.detail()).contains("Error").contains("registry unreachable");
        assertThat(app.since()).isEqualTo(at(30));
    }

    @Test
    void shouldCallEveryTaskOfAnUnreachableBaseBehindSinceItBecameUnreachable() {
        BaseState down = new BaseState(JRE, D1, BaseStatus.UNREACHABLE, "connection refused", at(50), at(0));
        TaskFreshness app = judge(List.of(task("app", List.of(JRE), List.of(), succeeded(1, Map.of(JRE, D1)), null, null)),
                List.of(down)).get("app");

        assertThat(app.upToDate()).isFalse();
        assertThat(app.reason()).isEqualTo(Reason.BASE_UNREACHABLE);
        assertThat(app.since()).isEqualTo(at(50));
        assertThat(app.detail()).contains(JRE).contains("unreachable").contains("connection refused");
        assertThat(app.bases()).singleElement().satisfies(b -> assertThat(b.status()).isEqualTo("unreachable"));
    }

    @Test
    void shouldPreferTheUnreachableBaseOverAQueuedRunAsTheReason() {
        BaseState gone = new BaseState(JRE, D1, BaseStatus.NOT_FOUND, "manifest unknown", at(50), at(0));
        TaskFreshness app = judge(List.of(task("app", List.of(JRE), List.of(), null, null, run(2, RunStatus.Queued))),
                List.of(gone)).get("app");

        assertThat(app.reason()).isEqualTo(Reason.BASE_UNREACHABLE);
        assertThat(app.since()).isEqualTo(at(10));
    }

    @Test
    void shouldCallATaskWithoutASuccessfulRunNeverBuiltSinceItWasRegistered() {
        TaskFreshness app = judge(List.of(task("app", List.of(JRE), List.of(), null, null, null)),
                List.of(ok(JRE, D1, null))).get("app");

        assertThat(app.reason()).isEqualTo(Reason.NEVER_BUILT);
        assertThat(app.since()).isEqualTo(at(10));
    }

    @Test
    void shouldCallADownstreamTaskBehindWhileTheTaskWhoseImageItBuildsFromIsBehind() {
        // shop-base is behind on the JRE; app built from shop-base's current image, so only the upstream lags.
        Map<String, TaskFreshness> all = judge(List.of(
                task("shop-base", List.of(JRE), List.of(SHOP_BASE), succeeded(1, Map.of(JRE, D1)), null, null),
                task("app", List.of(SHOP_BASE), List.of(), succeeded(2, Map.of(SHOP_BASE, S1)), null, null)),
                List.of(ok(JRE, D2, at(30)), ok(SHOP_BASE, S1, at(5))));

        assertThat(all.get("shop-base").reason()).isEqualTo(Reason.OUTDATED);
        TaskFreshness app = all.get("app");
        assertThat(app.upToDate()).isFalse();
        assertThat(app.reason()).isEqualTo(Reason.UPSTREAM_BEHIND);
        assertThat(app.since()).isEqualTo(at(30));
        assertThat(app.detail()).contains("shop-base");
        assertThat(app.bases()).singleElement().satisfies(b -> {
            assertThat(b.reference()).isEqualTo(SHOP_BASE);
            assertThat(b.upstreamTask()).isEqualTo("shop-base");
        });
    }

    @Test
    void shouldCallADownstreamTaskBehindWhenItsOwnBuildUsedAnOlderImageOfTheUpstream() {
        Map<String, TaskFreshness> all = judge(List.of(
                task("shop-base", List.of(JRE), List.of(SHOP_BASE), succeeded(1, Map.of(JRE, D2)), null, null),
                task("app", List.of(SHOP_BASE), List.of(), succeeded(2, Map.of(SHOP_BASE, S1)), null, null)),
                List.of(ok(JRE, D2, at(30)), ok(SHOP_BASE, S2, at(40))));

        assertThat(all.get("shop-base").upToDate()).isTrue();
        assertThat(all.get("app").reason()).isEqualTo(Reason.OUTDATED);
        assertThat(all.get("app").since()).isEqualTo(at(40));
    }

    @Test
    void shouldCallTheWholeChainUpToDateWhenEveryLinkBuiltFromTheCurrentDigest() {
        Map<String, TaskFreshness> all = judge(List.of(
                task("shop-base", List.of(JRE), List.of(SHOP_BASE), succeeded(1, Map.of(JRE, D2)), null, null),
                task("app", List.of(SHOP_BASE), List.of(), succeeded(2, Map.of(SHOP_BASE, S2)), null, null)),
                List.of(ok(JRE, D2, at(30)), ok(SHOP_BASE, S2, at(40))));

        assertThat(all.values()).allMatch(TaskFreshness::upToDate);
        assertThat(Freshness.behind(all)).isEmpty();
    }

    @Test
    void shouldJudgeABuildThatRecordedNoDigestByWhenTheBaseLastChanged() {
        RunSummary unpinned = new RunSummary(1, RunStatus.Succeeded, Map.of(), null, at(20), at(25));
        Map<String, TaskFreshness> all = judge(List.of(
                task("before", List.of(JRE), List.of(), unpinned, null, null)), List.of(ok(JRE, D2, at(30))));
        Map<String, TaskFreshness> after = judge(List.of(
                task("after", List.of(JRE), List.of(), unpinned, null, null)), List.of(ok(JRE, D2, at(15))));

        assertThat(all.get("before").upToDate()).isFalse();
        assertThat(after.get("after").upToDate()).isTrue();
    }

    @Test
    void shouldListTheLongestBehindFirst() {
        Map<String, TaskFreshness> all = judge(List.of(
                task("late", List.of(SHOP_BASE), List.of(), succeeded(1, Map.of(SHOP_BASE, S1)), null, null),
                task("early", List.of(JRE), List.of(), succeeded(2, Map.of(JRE, D1)), null, null),
                task("fresh", List.of(JRE), List.of(), succeeded(3, Map.of(JRE, D2)), null, null)),
                List.of(ok(JRE, D2, at(30)), ok(SHOP_BASE, S2, at(60))));

        assertThat(Freshness.behind(all)).extracting(TaskFreshness::task).containsExactly("early", "late");
    }

    @Test
    void shouldNotLoopOnACycle() {
        Map<String, TaskFreshness> all = judge(List.of(
                task("a", List.of(SHOP_BASE), List.of(JRE), succeeded(1, Map.of(SHOP_BASE, S1)), null, null),
                task("b", List.of(JRE), List.of(SHOP_BASE), succeeded(2, Map.of(JRE, D1)), null, null)),
                List.of(ok(JRE, D1, at(30)), ok(SHOP_BASE, S1, at(60))));

        assertThat(all).hasSize(2);
    }

    private static Map<String, TaskFreshness> judge(List<TaskNode> tasks, List<BaseState> bases) {
        return Freshness.of(tasks, bases.stream().collect(Collectors.toMap(BaseState::reference, Function.identity())));
    }

    private static TaskNode task(String name, List<String> bases, List<String> outputs, RunSummary succeeded,
            RunSummary finished, RunSummary active) {
        return new TaskNode(name, at(10), bases, outputs, 1, Optional.ofNullable(succeeded),
                Optional.ofNullable(finished != null ? finished : succeeded), Optional.ofNullable(active));
    }

    private static RunSummary succeeded(long id, Map<String, String> pinned) {
        return new RunSummary(id, RunStatus.Succeeded, pinned, null, at(20), at(25));
    }

    private static RunSummary run(long id, RunStatus status) {
        return new RunSummary(id, status, Map.of(), null, at(35), null);
    }

    private static BaseState ok(String reference, String digest, Instant changedAt) {
        return new BaseState(reference, digest, BaseStatus.OK, null, at(0), changedAt);
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }
}
