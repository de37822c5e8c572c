package dev.drydock.task;

import static dev.drydock.task.TaskFixtures.create;
import static dev.drydock.task.TaskFixtures.inlineTask;
import static dev.drydock.task.TaskFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drydock.rebuild.worker.RunClaims;
import dev.drydock.rebuild.worker.RunExecutor;
import dev.drydock.task.run.Cause;
import dev.drydock.task.run.Run;
import dev.drydock.task.run.RunLog;
import dev.drydock.task.run.RunService;
import dev.drydock.task.run.RunStatus;
import dev.drydock.task.run.RunTrigger;
import dev.drydock.task.trigger.TriggerService;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import dev.drydock.watch.BaseChanged;
import dev.drydock.watch.DetectedBy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events wake, state decides: runs build the digest the watch recorded when they start, stale events create
 * nothing, a run that finished behind gets one follow-up, and a coalesce never undoes a worker's claim. Workers
 * are paused and the worker's side is staged with direct {@link RunClaims} calls, so every race is deterministic.
 */
@QuarkusTest
class NewestDigestTest {

    private static final String WORKER = "test-worker";

    @Inject
    TriggerService triggers;

    @Inject
    RunClaims claims;

    @Inject
    RunService runs;

    @Inject
    RunLog log;

    @Inject
    RunExecutor workers;

    @Inject
    EntityManager em;

    private String base;
    private String task;
    private String current;

    @BeforeEach
    void taskOnAFreshBase() {
        base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("newest") + ":1";
        current = TestImages.push(base).digest();
        task = unique("newest-app");
        create(inlineTask(task, base)).statusCode(201);
        TriggerTest.awaitBaseDigest(base, current);
        workers.pause();
    }

    @AfterEach
    void resumeWorkers() {
        QuarkusTransaction.requiringNew().run(() -> Run.<Run>list("taskName = ?1 and status = ?2", task, RunStatus.Queued)
                .forEach(r -> runs.cancel(r.id)));
        workers.resume();
    }

    @Test
    void shouldCreateNothingForABaseChangeOlderThanTheDigestTheWatchRecorded() {
        List<Long> stale = triggers.onBaseChanged(UUID.randomUUID(), change(digest('1'), digest('2')));
        List<Long> fresh = triggers.onBaseChanged(UUID.randomUUID(), change(digest('2'), current));

        assertThat(stale).as("an event for a digest the base has moved past").isEmpty();
        assertThat(fresh).hasSize(1);
        assertThat(runsOfTask()).hasSize(1);
        assertThat(runs.pinned(runsOfTask().get(0))).containsEntry(base, current);
    }

    @Test
    void shouldPinTheWatchsCurrentDigestWhenTheRunStartsNotTheOneItWasQueuedWith() {
        long runId = triggers.manual(task, Optional.empty(), Optional.empty(), Map.of()).id;
        String newer = digest('9');
        watchRecords(newer);

        assertThat(claims.claim(runId, WORKER).state()).isEqualTo(RunClaims.ClaimState.CLAIMED);

        Run run = run(runId);
        assertThat(runs.pinned(run)).containsEntry(base, newer);
        assertThat(log.after(runId, 0).stream().map(RunLog.Line::text))
                .anyMatch(line -> line.contains("pinned to " + newer) && line.contains(current));
        claims.end(runId, WORKER, RunStatus.Canceled, "test over");
    }

    @Test
    void shouldQueueOneFollowUpWhenARunSucceedsWithADigestTheWatchHasMovedPast() {
        long runId = triggers.manual(task, Optional.empty(), Optional.empty(), Map.of()).id;
        claims.claim(runId, WORKER);
        String newer = digest('8');
        watchRecords(newer);

        assertThat(claims.succeed(runId, WORKER, digest('7'), "application/vnd.oci.image.manifest.v1+json", false,
                List.of())).isTrue();

        List<Run> all = runsOfTask();
        assertThat(all).hasSize(2);
        Run followUp = all.get(1);
        assertThat(followUp.status).isEqualTo(RunStatus.Queued);
        assertThat(runs.pinned(followUp)).containsEntry(base, newer);
        Cause cause = runs.causes(followUp).get(0);
        assertThat(cause.kind()).isEqualTo("follow-up");
        assertThat(cause.previousDigest()).isEqualTo(current);
        assertThat(cause.digest()).isEqualTo(newer);
        Optional<Run> again = QuarkusTransaction.requiringNew().call(() -> triggers.followUpIfBehind(run(runId)));
        assertThat(again).as("the queued follow-up already takes the newest digest").isEmpty();
        assertThat(runsOfTask()).hasSize(2);
    }

    @Test
    void shouldCreateNoFollowUpWhenTheRunBuiltTheCurrentDigest() {
        long runId = triggers.manual(task, Optional.empty(), Optional.empty(), Map.of()).id;
        claims.claim(runId, WORKER);

        claims.succeed(runId, WORKER, digest('7'), "application/vnd.oci.image.manifest.v1+json", false, List.of());

        assertThat(runsOfTask()).hasSize(1);
    }

    @Test
    void shouldFailAWriteFromAStaleCopyOfARunInsteadOfUndoingAWorkersClaim() throws Exception {
        long runId = triggers.manual(task, Optional.empty(), Optional.empty(), Map.of()).id;

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            Run stale = em.find(Run.class, runId);
            claimElsewhere(runId);
            runs.repin(stale, base, current, cause());
        })).hasRootCauseInstanceOf(org.hibernate.StaleStateException.class);

        Run run = run(runId);
        assertThat(run.status).isEqualTo(RunStatus.Started);
        assertThat(run.leaseOwner).isEqualTo(WORKER);
        assertThat(run.attempt).isEqualTo(1);
        claims.end(runId, WORKER, RunStatus.Canceled, "test over");
    }

    @Test
    void shouldLetAClaimWaitForACoalesceAndThenBuildWithItsPins() throws Exception {
        long runId = triggers.manual(task, Optional.empty(), Optional.empty(), Map.of()).id;
        CompletableFuture<RunClaims.Claim> claim;
        QuarkusTransaction.begin();
        try {
            assertThat(triggers.onBaseChanged(UUID.randomUUID(), change(digest('3'), current))).containsExactly(runId);
            claim = CompletableFuture.supplyAsync(() -> claims.claim(runId, WORKER));
            // Sentinel: the claim is blocked on the run's row lock that the coalesce holds.
            await().atMost(Duration.ofSeconds(10)).until(this::someoneWaitsForALock);
        } finally {
            QuarkusTransaction.commit();
        }

        assertThat(claim.get(10, TimeUnit.SECONDS).state()).isEqualTo(RunClaims.ClaimState.CLAIMED);
        Run run = run(runId);
        assertThat(run.status).isEqualTo(RunStatus.Started);
        assertThat(runs.causes(run)).extracting(Cause::kind).containsExactly("manual", "base-change");
        assertThat(runsOfTask()).hasSize(1);
        claims.end(runId, WORKER, RunStatus.Canceled, "test over");
    }

    @Test
    void shouldQueueANewRunWhenTheQueuedOneWasClaimedBeforeTheChangeArrived() {
        long runId = triggers.manual(task, Optional.empty(), Optional.empty(), Map.of()).id;
        claims.claim(runId, WORKER);
        String newer = digest('4');
        watchRecords(newer);

        List<Long> affected = triggers.onBaseChanged(UUID.randomUUID(), change(current, newer));

        assertThat(affected).hasSize(1).doesNotContain(runId);
        Run claimed = run(runId);
        assertThat(claimed.status).isEqualTo(RunStatus.Started);
        assertThat(runs.causes(claimed)).hasSize(1);
        assertThat(runs.pinned(run(affected.get(0)))).containsEntry(base, newer);
        claims.end(runId, WORKER, RunStatus.Canceled, "test over");
    }

    @Test
    void shouldCreateNothingWhenARunInProgressAlreadyPinnedTheChangedDigest() {
        long runId = triggers.manual(task, Optional.empty(), Optional.empty(), Map.of()).id;
        String newer = digest('6');
        watchRecords(newer);
        claims.claim(runId, WORKER);

        List<Long> affected = triggers.onBaseChanged(UUID.randomUUID(), change(current, newer));

        assertThat(affected).as("the claimed run took the change before its event arrived").isEmpty();
        assertThat(runsOfTask()).extracting(r -> r.id).containsExactly(runId);
        claims.end(runId, WORKER, RunStatus.Canceled, "test over");
    }

    @Test
    void shouldSupersedeABaseChangeRunWhenTheLastRunBuiltTheSameDigests() {
        long built = triggers.manual(task, Optional.empty(), Optional.empty(), Map.of()).id;
        claims.claim(built, WORKER);
        claims.succeed(built, WORKER, digest('7'), "application/vnd.oci.image.manifest.v1+json", false, List.of());
        long redundant = queueBaseChangeRun(current);

        RunClaims.Claim claim = claims.claim(redundant, WORKER);

        assertThat(claim.state()).isEqualTo(RunClaims.ClaimState.FINISHED);
        Run run = run(redundant);
        assertThat(run.status).isEqualTo(RunStatus.Superseded);
        assertThat(run.error).contains("run " + built + " already built");
        assertThat(run.startedAt).as("it never started building").isNull();
    }

    @Test
    void shouldBuildAManualRunEvenWhenTheLastRunBuiltTheSameDigests() {
        long built = triggers.manual(task, Optional.empty(), Optional.empty(), Map.of()).id;
        claims.claim(built, WORKER);
        claims.succeed(built, WORKER, digest('7'), "application/vnd.oci.image.manifest.v1+json", false, List.of());
        long again = triggers.manual(task, Optional.empty(), Optional.empty(), Map.of()).id;

        assertThat(claims.claim(again, WORKER).state()).isEqualTo(RunClaims.ClaimState.CLAIMED);
        claims.end(again, WORKER, RunStatus.Canceled, "test over");
    }

    @Test
    void shouldBuildABaseChangeRunWhenTheLastRunFailed() {
        long failed = triggers.manual(task, Optional.empty(), Optional.empty(), Map.of()).id;
        claims.claim(failed, WORKER);
        claims.end(failed, WORKER, RunStatus.Failed, "test: the build failed");
        long retry = queueBaseChangeRun(current);

        assertThat(claims.claim(retry, WORKER).state()).isEqualTo(RunClaims.ClaimState.CLAIMED);
        claims.end(retry, WORKER, RunStatus.Canceled, "test over");
    }

    @Test
    void shouldQueueOneRunWhenABaseChangeAndAFollowUpRaceForTheSameTask() throws Exception {
        long runId = triggers.manual(task, Optional.empty(), Optional.empty(), Map.of()).id;
        claims.claim(runId, WORKER);
        String newer = digest('5');
        watchRecords(newer);
        CompletableFuture<Boolean> succeeded;
        List<Long> changed;
        QuarkusTransaction.begin();
        try {
            changed = triggers.onBaseChanged(UUID.randomUUID(), change(current, newer));
            succeeded = CompletableFuture.supplyAsync(() -> claims.succeed(runId, WORKER, digest('7'),
                    "application/vnd.oci.image.manifest.v1+json", false, List.of()));
            // Sentinel: the success (and its follow-up decision) waits for the task that the change holds.
            await().atMost(Duration.ofSeconds(10)).until(this::someoneWaitsForALock);
        } finally {
            QuarkusTransaction.commit();
        }

        assertThat(succeeded.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(changed).hasSize(1);
        List<Run> queued = runsOfTask().stream().filter(r -> r.status == RunStatus.Queued).toList();
        assertThat(queued).as("the change's run takes the new digest; no follow-up beside it")
                .extracting(r -> r.id).containsExactly(changed.get(0));
    }

    /** A base-change run pinned to {@code digest}, as a change event that raced a claim would have queued it. */
    private long queueBaseChangeRun(String digest) {
        return QuarkusTransaction.requiringNew().call(() -> runs.create(new RunService.NewRun(
                Task.byName(task).orElseThrow(), RunTrigger.ImageUpdate, cause(),
                Map.of(base, digest), null, null, Map.of(), null)).orElseThrow().id);
    }

    private void claimElsewhere(long runId) {
        try {
            CompletableFuture.supplyAsync(() -> claims.claim(runId, WORKER)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean someoneWaitsForALock() {
        return CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted").getSingleResult()).intValue() > 0))
                .join();
    }

    /** The watch recorded a newer digest whose event has not arrived (Kafka away, or the event still in flight). */
    private void watchRecords(String digest) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE base SET digest = :digest, last_changed_at = now() WHERE reference = :ref AND platform = ''")
                .setParameter("digest", digest).setParameter("ref", base).executeUpdate());
    }

    private BaseChanged change(String previous, String digest) {
        return new BaseChanged(base, null, previous, digest, "application/vnd.oci.image.manifest.v1+json",
                DetectedBy.POLL, Instant.now(), null, null);
    }

    private Cause cause() {
        return Cause.baseChange(UUID.randomUUID().toString(), base, digest('5'), current, "poll", null, null, Instant.now());
    }

    private Run run(long runId) {
        return QuarkusTransaction.requiringNew().call(() -> runs.get(runId));
    }

    private List<Run> runsOfTask() {
        return QuarkusTransaction.requiringNew().call(() -> Run.<Run>list("taskName = ?1 order by id", task));
    }

    private static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }
}
