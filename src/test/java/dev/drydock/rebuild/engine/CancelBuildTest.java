package dev.drydock.rebuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestImages.PushedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CancelBuildTest {

    @TempDir
    Path context;

    @TempDir
    Path cache;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private BuildRequest request;
    private String target;

    @BeforeEach
    void bigBuild() throws IOException {
        String baseTag = BuildRegistries.upstream() + "/base/for-cancel:1";
        PushedImage base = TestImages.push(baseTag);
        writeRandom(context.resolve("big.bin"), 120L << 20);
        target = BuildRegistries.privateRegistry() + "/team/canceled:" + System.nanoTime();
        request = BuildFromRecipeTest.request(Recipes.dockerfile("FROM " + baseTag + "\nCOPY big.bin /data/\n"),
                base, target, context);
    }

    @Test
    void shouldStopWithCanceledWhenTheBuildingThreadIsInterrupted() throws Exception {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread building = new Thread(() -> {
            try {
                new JibImageBuilder(cache).build(request, log::add);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        building.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> log.stream().anyMatch(l -> l.startsWith("jib: Building")));

        building.interrupt();
        building.join(Duration.ofSeconds(10).toMillis());

        assertThat(building.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOfSatisfying(BuildException.class,
                e -> assertThat(e.kind()).isEqualTo(BuildException.Kind.CANCELED));
        assertThat(Skopeo.exists(target)).isFalse();
        // A layer Jib is compressing is finished in the background (file reads are not interruptible), unpushed.
        await().atMost(Duration.ofSeconds(60)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("drydock-jib-") && t.isAlive()));
    }

    @Test
    void shouldStopWhenItsFutureIsCanceled() throws Exception {
        ExecutorService workers = Executors.newSingleThreadExecutor();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        try {
            Future<?> build = workers.submit(() -> {
                try {
                    new JibImageBuilder(cache).build(request, log::add);
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> log.stream().anyMatch(l -> l.startsWith("jib: Building")));

            build.cancel(true);

            assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(BuildException.class,
                    e -> assertThat(e.kind()).isEqualTo(BuildException.Kind.CANCELED));
            assertThat(Skopeo.exists(target)).isFalse();
        } finally {
            workers.shutdownNow();
        }
    }

    private static void writeRandom(Path file, long bytes) throws IOException {
        Random random = new Random(42);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
    }
}
