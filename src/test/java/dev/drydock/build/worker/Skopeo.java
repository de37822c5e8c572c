package dev.drydock.build.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** skopeo as an independent client, to check what drydock pushed. */
final class Skopeo {

    private Skopeo() {}

    static JsonNode inspect(String reference) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("skopeo", "inspect", "--tls-verify=false", "docker://" + reference))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("skopeo inspect " + reference + " failed: " + out);
        }
        return new ObjectMapper().readTree(out);
    }
}
