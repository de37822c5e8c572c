package dev.drydock.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the private registry answers its API base ({@code /v2/}: 200, or 401 when it wants auth). */
@Readiness
@ApplicationScoped
public class PrivateRegistryHealthCheck implements HealthCheck {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    PrivateRegistryConfig config;

    @Override
    public HealthCheckResponse call() {
        URI base = URI.create((config.plainHttp() ? "http://" : "https://") + config.host() + "/v2/");
        HealthCheckResponseBuilder response = HealthCheckResponse.named("private registry").withData("url", base.toString());
        try {
            HttpRequest request = HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(3)).GET().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return response.status(status == 200 || status == 401).withData("status", status).build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
