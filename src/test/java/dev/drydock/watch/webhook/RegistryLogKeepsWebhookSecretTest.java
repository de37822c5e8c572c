package dev.drydock.watch.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.drydock.testing.LocalRegistry;
import dev.drydock.testing.RegistryOptions;
import dev.drydock.testing.TestImages;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A Distribution registry that notifies drydock sends the bearer secret with each delivery and never writes it to
 * its log (at info it logs every endpoint's headers at start-up; the test stack and the launcher run it at warn).
 */
class RegistryLogKeepsWebhookSecretTest {

    @Test
    void shouldSendTheWebhookSecretButNeverLogIt() throws Exception {
        String secret = "webhook-secret-" + UUID.randomUUID();
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        receiver.start();
        try (LocalRegistry registry = LocalRegistry.start(RegistryOptions.anonymous()
                .withNotifications("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", secret))) {
            TestImages.push(registry.host() + "/secrets/app:1");
            await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());

            assertThat(received).contains("Bearer " + secret);
            assertThat(Files.readString(registry.log())).as("the registry's log").isNotEmpty().doesNotContain(secret);
        } finally {
            receiver.stop(0);
        }
    }
}
