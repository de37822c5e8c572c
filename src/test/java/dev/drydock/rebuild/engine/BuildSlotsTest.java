package dev.drydock.rebuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BuildSlotsTest {

    @Test
    void shouldMakeASecondBuildWaitUntilTheFirstGivesItsSlotBack() throws Exception {
        BuildSlots slots = new BuildSlots(1);
        BuildSlots.Slot first = slots.acquire(BuildLog.discard());
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch acquired = new CountDownLatch(1);

        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try (BuildSlots.Slot slot = slots.acquire(message -> {
                if (message.startsWith("waiting for a full-build slot")) {
                    waiting.countDown();
                }
            })) {
                acquired.countDown();
            } catch (BuildException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(waiting.await(10, TimeUnit.SECONDS)).as("the second build says it waits").isTrue();
        assertThat(acquired.getCount()).as("and has no slot while the first holds it").isEqualTo(1);
        first.close();
        assertThat(acquired.await(10, TimeUnit.SECONDS)).isTrue();
        second.get(10, TimeUnit.SECONDS);
        assertThat(slots.waiting()).isZero();
    }

    @Test
    void shouldEndAWaitAsCanceledWhenTheBuildIsInterrupted() throws Exception {
        BuildSlots slots = new BuildSlots(1);
        slots.acquire(BuildLog.discard());
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<BuildException> failure = new CompletableFuture<>();
        Thread build = new Thread(() -> {
            try {
                slots.acquire(message -> waiting.countDown()).close();
                failure.complete(null);
            } catch (BuildException e) {
                failure.complete(e);
            }
        });
        build.start();
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();

        build.interrupt();

        assertThat(failure.get(10, TimeUnit.SECONDS).kind()).isEqualTo(BuildException.Kind.CANCELED);
    }
}
