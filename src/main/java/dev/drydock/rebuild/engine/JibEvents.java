package dev.drydock.rebuild.engine;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.event.events.TimerEvent;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jib's own account of a build, cut to the steps that matter: layers built, base layers downloaded, each blob
 * pushed, skipped (already there) or mounted (from the base's repository), manifests pushed. Jib's file
 * listings, its debug chatter and its HTTPS attempts on registries declared plain HTTP are left out.
 */
final class JibEvents {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern PUSHING_BLOB = Pattern.compile("Pushing BLOB digest: (sha256:[0-9a-f]{64}), size: (\\d+)");
    private static final Pattern PULLING_LAYER = Pattern.compile("Pulling base image layer (sha256:[0-9a-f]{64})");
    private static final String PULLING_LAYER_PROGRESS = "pulling base image layer ";
    private static final Pattern HTTPS_FALLBACK = Pattern.compile(
            "(Cannot verify server at|Failed to connect to) https://([^/]+)/.*");

    private final StepLog log;
    private final Set<String> plainHttp;
    private final BooleanSupplier canceled;
    private final Set<String> skipped = ConcurrentHashMap.newKeySet();
    private final Set<String> uploaded = ConcurrentHashMap.newKeySet();
    private final Set<String> pulled = ConcurrentHashMap.newKeySet();

    private JibEvents(StepLog log, Set<String> plainHttp, BooleanSupplier canceled) {
        this.log = log;
        this.plainHttp = plainHttp;
        this.canceled = canceled;
    }

    /**
     * Logs Jib's events; once {@code canceled}, each progress report of a running upload or download throws,
     * which aborts it (Jib reports progress from the thread doing the transfer).
     */
    static Containerizer attach(Containerizer containerizer, StepLog log, Set<String> plainHttp,
            BooleanSupplier canceled) {
        JibEvents events = new JibEvents(log, plainHttp, canceled);
        return containerizer.addEventHandler(LogEvent.class, events::onLog)
                .addEventHandler(TimerEvent.class, events::onTimer)
                .addEventHandler(ProgressEvent.class, events::onProgress);
    }

    private void onProgress(ProgressEvent event) {
        if (canceled.getAsBoolean()) {
            throw new CancellationException("the build was canceled");
        }
        String description = event.getAllocation().getDescription();
        if (event.getUnits() > 0 && description.startsWith(PULLING_LAYER_PROGRESS)) {
            pulled.add(description.substring(PULLING_LAYER_PROGRESS.length()));
        }
    }

    private void onLog(LogEvent event) {
        String message = event.getMessage();
        if (message == null || message.isBlank()) {
            return;
        }
        switch (event.getLevel()) {
            case ERROR -> log.step("jib error: " + message);
            case WARN -> {
                Matcher fallback = HTTPS_FALLBACK.matcher(message);
                if (!fallback.matches() || !plainHttp.contains(fallback.group(2))) {
                    log.step("jib warning: " + message);
                }
            }
            case LIFECYCLE, PROGRESS, INFO -> info(message);
            case DEBUG -> {
                if (message.contains(" built sha256:")) {
                    log.step("jib: " + message.replaceFirst("^Building ", ""));
                }
            }
            default -> { }
        }
    }

    private void info(String message) {
        if (message.startsWith("\t") || message.startsWith("Containerizing application with the following files")
                || message.contains("manifest existence check") || message.startsWith("Checking existence of manifest")) {
            return;
        }
        if (message.startsWith("Skipping push; BLOB already exists")) {
            Matcher digest = DIGEST.matcher(message);
            if (digest.find()) {
                skipped.add(digest.group());
                log.step("blob " + digest.group() + " is already in the target repository: skipped");
                return;
            }
        }
        log.step("jib: " + message);
    }

    private void onTimer(TimerEvent event) {
        String description = event.getDescription();
        if (event.getState() == TimerEvent.State.LAP && description.startsWith("pushBlob PATCH ")) {
            uploaded.add(description.substring("pushBlob PATCH ".length()));
            return;
        }
        if (event.getState() != TimerEvent.State.FINISHED) {
            return;
        }
        Matcher blob = PUSHING_BLOB.matcher(description);
        if (blob.matches() && !skipped.contains(blob.group(1))) {
            log.step((uploaded.contains(blob.group(1)) ? "pushed blob " : "mounted blob ") + blob.group(1) + " ("
                    + blob.group(2) + " bytes" + (uploaded.contains(blob.group(1)) ? "" : ", from the base's repository")
                    + ") in " + event.getElapsed().toMillis() + " ms");
            return;
        }
        Matcher layer = PULLING_LAYER.matcher(description);
        if (layer.matches() && pulled.contains(layer.group(1))) {
            log.step("pulled base layer " + layer.group(1) + " in " + event.getElapsed().toMillis() + " ms");
        } else if (description.equals("Building and pushing image")) {
            log.step("jib finished in " + event.getElapsed().toMillis() + " ms");
        }
    }
}
