package dev.drydock.rebuild.engine;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import dev.drydock.concurrent.DaemonThreads;
import dev.drydock.image.ImageReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs Jib for one build: once per target repository (Jib tags within one repository), on a cached pool of
 * the build's own (never a small fixed one: Jib can deadlock on it), stopped when the calling thread is
 * interrupted.
 */
final class JibPush {

    static final String TOOL_NAME = "drydock";

    private final Path cacheDirectory;

    JibPush(Path cacheDirectory) {
        this.cacheDirectory = cacheDirectory;
    }

    /** Containerizes {@code jib} to every target; returns the digest pushed. */
    String push(JibContainerBuilder jib, BuildRequest request, RegistryAccess access, StepLog out)
            throws BuildException {
        if (access.credentialsOverPlainHttp()) {
            System.setProperty(RegistryAccess.SEND_CREDENTIALS_OVER_HTTP, "true");
        }
        Map<String, List<ImageReference>> byRepository = new LinkedHashMap<>();
        request.targets().forEach(t -> byRepository.computeIfAbsent(t.name(), n -> new ArrayList<>()).add(t));
        ExecutorService pool = Executors.newCachedThreadPool(DaemonThreads.named("drydock-jib"));
        AtomicBoolean canceled = new AtomicBoolean();
        try {
            String digest = null;
            for (List<ImageReference> tags : byRepository.values()) {
                Containerizer containerizer = Containerizer.to(access.jibImage(tags.get(0)))
                        .setExecutorService(pool)
                        .setAllowInsecureRegistries(access.anyPlainHttp())
                        .setBaseImageLayersCache(cacheDirectory.resolve("base"))
                        .setApplicationLayersCache(cacheDirectory.resolve("application"))
                        .setToolName(TOOL_NAME);
                tags.stream().skip(1).forEach(t -> containerizer.withAdditionalTag(t.tag().orElseThrow()));
                JibContainer container = jib.containerize(
                        JibEvents.attach(containerizer, out, request.plainHttpRegistries(), canceled::get));
                digest = container.getDigest().toString();
            }
            return digest;
        } catch (InterruptedException e) {
            canceled.set(true);
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw BuildException.canceled();
        } catch (Exception e) {
            canceled.set(true);
            pool.shutdownNow();
            throw Failures.fromJib(e, Thread.currentThread().isInterrupted(), out);
        } finally {
            pool.shutdown();
        }
    }
}
