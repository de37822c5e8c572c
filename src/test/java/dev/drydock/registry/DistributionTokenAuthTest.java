package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.testing.LocalRegistry;
import dev.drydock.testing.RegistryOptions;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import dev.drydock.testing.TokenIssuer;
import dev.drydock.testing.TestImages.PushedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against a real Distribution with token auth: tokens come from {@link TokenIssuer}, which the
 * registry trusts through its rootcertbundle.
 */
class DistributionTokenAuthTest {

    private static final String USER = "bob";
    private static final String PASSWORD = "dckr_pat_bobs-token";

    private static TokenIssuer issuer;
    private static LocalRegistry registry;
    private static PushedImage image;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(TestStack.workDir(), "token-issuer-");
        issuer = TokenIssuer.start(dir, Map.of(USER, PASSWORD));
        registry = LocalRegistry.start(RegistryOptions.token(issuer.realm(), TokenIssuer.SERVICE, TokenIssuer.ISSUER,
                issuer.certificate()));
        image = TestImages.push(registry.host() + "/tokens/app:1");
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @AfterEach
    void resetIssuer() {
        issuer.reportExpiresIn(Duration.ofSeconds(300));
        issuer.jwtLifetime(Duration.ofSeconds(300));
    }

    private static RegistryClient client(Optional<RegistryCredential> credential) {
        return RegistryClient.builder().settings(RegistrySettings.defaults().withInsecure(true))
                .credentials(r -> credential).build();
    }

    private static ImageReference app() {
        return ImageReference.parse(registry.host() + "/tokens/app:1");
    }

    @Test
    void shouldFetchATokenAndReportTheDigestSkopeoReports() {
        RegistryClient client = client(Optional.of(new RegistryCredential(USER, PASSWORD)));

        assertThat(client.headManifest(app()).orElseThrow().digest()).hasToString(image.digest())
                .hasToString(Skopeo.digest(image.reference()));
        assertThat(client.getManifest(app()).orElseThrow().digest()).hasToString(image.digest());
    }

    @Test
    void shouldCostExactlyOneRegistryRequestAndNoTokenRequestToCheckAnUnchangedDigest() {
        RegistryClient client = client(Optional.empty());
        Digest first = client.headManifest(app()).orElseThrow().digest();
        int logged = AccessLog.settledSize(registry.log(), 0);
        int tokens = issuer.tokensIssued();
        long counted = client.requestCount(registry.host());

        Digest again = client.headManifest(app()).orElseThrow().digest();

        assertThat(again).isEqualTo(first);
        int after = AccessLog.settledSize(registry.log(), logged + 1);
        assertThat(after - logged).as("requests the registry logged").isEqualTo(1);
        assertThat(AccessLog.requests(registry.log()).get(after - 1)).isEqualTo("HEAD /v2/tokens/app/manifests/1");
        assertThat(issuer.tokensIssued()).as("token requests").isEqualTo(tokens);
        assertThat(client.requestCount(registry.host()) - counted).isEqualTo(1);
    }

    @Test
    void shouldFetchANewTokenWhenTheCachedOneExpires() throws Exception {
        issuer.reportExpiresIn(Duration.ofSeconds(1));
        RegistryClient client = client(Optional.empty());
        client.headManifest(app());
        int tokens = issuer.tokensIssued();

        Thread.sleep(1200);
        assertThat(client.headManifest(app())).isPresent();

        assertThat(issuer.tokensIssued()).isEqualTo(tokens + 1);
    }

    @Test
    void shouldRenewATokenTheRegistryRejectsAsExpiredAndRetryTransparently() throws Exception {
        // Distribution accepts a JWT until 60 s after its exp: this one for about one more second, while the
        // answer still says expires_in=300, so the client keeps using it after the registry stopped accepting it
        issuer.jwtLifetime(Duration.ofSeconds(-59));
        RegistryClient client = client(Optional.empty());
        client.headManifest(app());
        int tokens = issuer.tokensIssued();
        int logged = AccessLog.settledSize(registry.log(), 0);

        Thread.sleep(2500);
        issuer.jwtLifetime(Duration.ofSeconds(300));
        assertThat(client.headManifest(app()).orElseThrow().digest()).hasToString(image.digest());

        assertThat(issuer.tokensIssued()).isEqualTo(tokens + 1);
        assertThat(AccessLog.settledSize(registry.log(), logged + 2) - logged).as("the 401 and the retry").isEqualTo(2);
    }

    @Test
    void shouldNameRegistryAndUserWhenTheTokenRealmRejectsThePassword() {
        RegistryClient client = client(Optional.of(new RegistryCredential(USER, "not-bobs-token")));

        RegistryUnauthorizedException e = catchThrowableOfType(RegistryUnauthorizedException.class,
                () -> client.headManifest(app()));

        assertThat(e).hasMessageContaining("registry " + registry.host())
                .hasMessageContaining("user '" + USER + "'").hasMessageNotContaining("not-bobs-token");
        assertThat(e.temporary()).isFalse();
    }

    @Test
    void shouldMountABlobWithATokenScopedToBothRepositories() {
        RegistryClient client = client(Optional.of(new RegistryCredential(USER, PASSWORD)));
        Digest blob = client.pushBlob(ImageReference.parse(registry.host() + "/tokens/source"), "layer".getBytes());

        assertThat(client.mountBlob(ImageReference.parse(registry.host() + "/tokens/target"), blob, "tokens/source"))
                .isTrue();
        assertThat(client.headBlob(ImageReference.parse(registry.host() + "/tokens/target"), blob)).isPresent();
    }
}
