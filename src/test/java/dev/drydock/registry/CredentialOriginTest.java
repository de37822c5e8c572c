package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.registry.FakeRegistry.Reply;
import dev.drydock.testing.LocalRegistry;
import dev.drydock.testing.RegistryOptions;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import dev.drydock.testing.TokenIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A registry's credentials stay with its origin, against real Distribution registries: a redirect target's
 * challenge never re-points the registry's realm, and a plain-HTTP realm on another host gets no credentials
 * unless that host is configured insecure.
 */
class CredentialOriginTest {

    private static final String USER = "alice";
    private static final String PASSWORD = "alices-password";

    private static TokenIssuer issuer;
    private static LocalRegistry origin;
    private static LocalRegistry storage;
    private static LocalRegistry tokenRegistry;
    private static FakeRegistry thirdRealm;
    private static FakeRegistry front;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(TestStack.workDir(), "credential-origin-");
        issuer = TokenIssuer.start(dir, Map.of(USER, PASSWORD));
        thirdRealm = FakeRegistry.start((ex, n) -> Reply.of(500));
        origin = LocalRegistry.start(RegistryOptions.htpasswd(USER, PASSWORD));
        // blob storage whose 401 names a third host as its token realm
        storage = LocalRegistry.start(RegistryOptions.token(thirdRealm.url() + "/token", "storage", TokenIssuer.ISSUER,
                issuer.certificate()));
        // a registry whose realm is the issuer under another name of the same machine: another host
        tokenRegistry = LocalRegistry.start(RegistryOptions.token(issuer.realm().replace("127.0.0.1", "localhost"),
                TokenIssuer.SERVICE, TokenIssuer.ISSUER, issuer.certificate()));
        TestImages.builder().credentials(USER, PASSWORD).push(origin.host() + "/app:1");
        front = redirectingFront(origin, storage);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {front, tokenRegistry, storage, origin, thirdRealm, issuer}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // the next one still goes
            }
        }
    }

    @Test
    void shouldSendNothingToARealmThatARedirectTargetNames() {
        RegistryClient client = RegistryClient.builder().settings(RegistrySettings.defaults().withInsecure(true))
                .credentials(r -> r.equals(front.host()) ? Optional.of(new RegistryCredential(USER, PASSWORD))
                        : Optional.empty())
                .build();
        ImageReference app = ImageReference.parse(front.host() + "/app:1");
        assertThat(client.headManifest(app)).isPresent();

        // redirected to storage, which answers 401 naming the third realm
        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> client.getBlob(app, Digest.sha256Of("a layer".getBytes(StandardCharsets.UTF_8))));
        assertThat(e).isNotNull();

        // the registry still authenticates the way it asked to, with Basic to itself
        assertThat(client.headManifest(app)).isPresent();
        assertThat(client.getManifest(app)).isPresent();
        assertThat(thirdRealm.requests()).isZero();
        assertThat(front.seen()).filteredOn(s -> s.path().contains("/blobs/")).hasSize(1)
                .allSatisfy(s -> assertThat(s.headers().getFirst("Authorization")).startsWith("Basic "));
    }

    @Test
    void shouldNotSendCredentialsToAPlainHttpRealmOnAnotherHost() {
        ImageReference app = ImageReference.parse(tokenRegistry.host() + "/app:1");
        RegistrySettings insecure = RegistrySettings.defaults().withInsecure(true);
        RegistryClient client = RegistryClient.builder()
                .settings(RegistrySettingsProvider.of(RegistrySettings.defaults(), Map.of(tokenRegistry.host(), insecure)))
                .credentials(r -> Optional.of(new RegistryCredential(USER, PASSWORD))).build();
        int asked = issuer.requests();

        RegistryUnauthorizedException e = catchThrowableOfType(RegistryUnauthorizedException.class,
                () -> client.headManifest(app));

        String realmHost = "localhost:" + URI.create(issuer.realm()).getPort();
        assertThat(e).isNotNull().hasMessageContaining("plain HTTP on another host")
                .hasMessageContaining(realmHost + " in drydock.registry.insecure-hosts")
                .hasMessageNotContaining(PASSWORD);
        assertThat(e.temporary()).isFalse();
        assertThat(issuer.requests()).isEqualTo(asked);
    }

    @Test
    void shouldSendCredentialsToAPlainHttpRealmOnAHostConfiguredInsecure() {
        ImageReference pushed = ImageReference.parse(tokenRegistry.host() + "/trusted:1");
        TestImages.builder().credentials(USER, PASSWORD).push(pushed.toString());
        RegistrySettings insecure = RegistrySettings.defaults().withInsecure(true);
        String realmHost = "localhost:" + URI.create(issuer.realm()).getPort();
        RegistryClient client = RegistryClient.builder()
                .settings(RegistrySettingsProvider.of(RegistrySettings.defaults(),
                        Map.of(tokenRegistry.host(), insecure, realmHost, insecure)))
                .credentials(r -> Optional.of(new RegistryCredential(USER, PASSWORD))).build();
        int issued = issuer.tokensIssued();

        assertThat(client.headManifest(pushed)).isPresent();
        assertThat(issuer.tokensIssued()).isEqualTo(issued + 1);
    }

    /**
     * A front for {@code registry} that passes every request through, except blob GETs, which it redirects to
     * {@code storage} the way registries redirect to object storage.
     */
    private static FakeRegistry redirectingFront(LocalRegistry registry, LocalRegistry storage) {
        HttpClient http = HttpClient.newHttpClient();
        return FakeRegistry.start((ex, n) -> {
            URI asked = ex.getRequestURI();
            if (ex.getRequestMethod().equals("GET") && asked.getRawPath().contains("/blobs/")) {
                return Reply.of(307, Map.of("Location", "http://" + storage.host() + asked.getRawPath()));
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create("http://" + registry.host() + asked))
                    .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
            for (String name : List.of("Authorization", "Accept")) {
                String value = ex.getRequestHeaders().getFirst(name);
                if (value != null) {
                    forward.header(name, value);
                }
            }
            HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new HashMap<>();
            for (String name : List.of("WWW-Authenticate", "Docker-Content-Digest", "Content-Type")) {
                answer.headers().firstValue(name).ifPresent(v -> headers.put(name, v));
            }
            return new Reply(answer.statusCode(), headers, answer.body());
        });
    }
}
