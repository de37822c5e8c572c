package dev.drydock.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What skopeo, an independent registry client, reports: the reference digests are compared to. */
final class Skopeo {

    private Skopeo() {
    }

    /** {@code skopeo inspect --format '{{.Digest}}'}. */
    static String digest(String reference, String... creds) {
        return run(command(reference, creds, "--format", "{{.Digest}}")).strip();
    }

    /** {@code skopeo inspect --raw}: the manifest or index bytes as the registry serves them. */
    static byte[] raw(String reference, String... creds) {
        return run(command(reference, creds, "--raw")).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> command(String reference, String[] creds, String... options) {
        List<String> command = new ArrayList<>(List.of("skopeo", "inspect", "--tls-verify=false"));
        command.addAll(List.of(options));
        if (creds.length == 2) {
            command.addAll(List.of("--creds", creds[0] + ":" + creds[1]));
        }
        command.add("docker://" + reference);
        return command;
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " " + command.get(1) + " failed for "
                        + command.get(command.size() - 1));
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
