package dev.drydock.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What skopeo, a registry client independent of Jib and drydock, sees in a registry: the reference that digests,
 * manifests and pushed images are checked against. {@code creds} is empty or {@code user, password}.
 */
public final class Skopeo {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Skopeo() {
    }

    /** {@code skopeo inspect}: Digest, Layers, Labels, Env, Architecture of the image (this machine's platform). */
    public static JsonNode inspect(String reference, String... creds) {
        return json(run(reference, creds));
    }

    /** {@code skopeo inspect --format '{{.Digest}}'}. */
    public static String digest(String reference, String... creds) {
        return new String(run(reference, creds, "--format", "{{.Digest}}"), StandardCharsets.UTF_8).strip();
    }

    /** {@code skopeo inspect --config}: the image configuration. */
    public static JsonNode config(String reference, String... creds) {
        return json(run(reference, creds, "--config"));
    }

    /** {@code skopeo inspect --config --raw}: the configuration as pushed (--config alone converts it to OCI's). */
    public static JsonNode rawConfig(String reference, String... creds) {
        return json(run(reference, creds, "--config", "--raw"));
    }

    /** {@code skopeo inspect --raw}: the manifest or index as served. */
    public static JsonNode raw(String reference, String... creds) {
        return json(rawBytes(reference, creds));
    }

    /** {@code skopeo inspect --raw}: the manifest or index bytes exactly as the registry serves them. */
    public static byte[] rawBytes(String reference, String... creds) {
        return run(reference, creds, "--raw");
    }

    /** Whether skopeo finds the reference at all. */
    public static boolean exists(String reference) {
        try {
            rawBytes(reference);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** {@code skopeo copy} of the image into a directory: every layer, uncompressed, and the config, as one text. */
    public static String contents(String reference) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(TestStack.workDir(), "contents-");
            LocalProcess.run(List.of("skopeo", "copy", "--quiet", "--src-tls-verify=false", "docker://" + reference,
                    "dir:" + dir), java.time.Duration.ofSeconds(60));
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            try (var files = java.nio.file.Files.list(dir)) {
                for (java.nio.file.Path file : files.sorted().toList()) {
                    byte[] bytes = java.nio.file.Files.readAllBytes(file);
                    if (bytes.length > 2 && bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b) {
                        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                            in.transferTo(all);
                        }
                    } else {
                        all.write(bytes);
                    }
                }
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The layer digests of the image, in order. */
    public static List<String> layers(String reference, String... creds) {
        List<String> layers = new ArrayList<>();
        inspect(reference, creds).path("Layers").forEach(l -> layers.add(l.asText()));
        return layers;
    }

    private static JsonNode json(byte[] content) {
        try {
            return JSON.readTree(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] run(String reference, String[] creds, String... options) {
        List<String> command = new ArrayList<>(List.of("skopeo", "inspect", "--tls-verify=false"));
        command.addAll(List.of(options));
        if (creds.length == 2) {
            command.addAll(List.of("--creds", creds[0] + ":" + creds[1]));
        }
        command.add("docker://" + reference);
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("skopeo inspect " + String.join(" ", options) + " failed for " + reference);
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
