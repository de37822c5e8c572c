package dev.drydock.build.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What skopeo, a registry client independent of Jib and drydock, sees in a registry. */
final class Skopeo {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Skopeo() {
    }

    /** {@code skopeo inspect}: Digest, Layers, Labels, Env, Architecture of the image (this machine's platform). */
    static JsonNode inspect(String reference, String... creds) {
        return json(run(reference, creds));
    }

    /** {@code skopeo inspect --config}: the image configuration. */
    static JsonNode config(String reference, String... creds) {
        return json(run(reference, creds, "--config"));
    }

    /** {@code skopeo inspect --raw}: the manifest or index as served. */
    static JsonNode raw(String reference, String... creds) {
        return json(run(reference, creds, "--raw"));
    }

    /** Whether skopeo finds the reference at all. */
    static boolean exists(String reference) {
        try {
            run(reference, new String[0], "--raw");
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** The layer digests of the image, in order. */
    static List<String> layers(String reference, String... creds) {
        List<String> layers = new ArrayList<>();
        inspect(reference, creds).path("Layers").forEach(l -> layers.add(l.asText()));
        return layers;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(String reference, String[] creds, String... options) {
        List<String> command = new ArrayList<>(List.of("skopeo", "inspect", "--tls-verify=false"));
        command.addAll(List.of(options));
        if (creds.length == 2) {
            command.addAll(List.of("--creds", creds[0] + ":" + creds[1]));
        }
        command.add("docker://" + reference);
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("skopeo inspect failed for " + reference);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
