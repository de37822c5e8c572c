package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.image.ImageReference;
import dev.drydock.testing.LocalRegistry;
import dev.drydock.testing.RegistryOptions;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestImages.PushedImage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a real Distribution with htpasswd (Basic) auth. */
class DistributionBasicAuthTest {

    private static final String USER = "drydock";
    private static final String PASSWORD = "correct-horse-battery";

    private static LocalRegistry registry;
    private static PushedImage image;

    @BeforeAll
    static void start() {
        registry = LocalRegistry.start(RegistryOptions.htpasswd(USER, PASSWORD));
        image = TestImages.builder().credentials(USER, PASSWORD).push(registry.host() + "/private/app:1");
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static RegistryClient client(String username, String password) {
        return RegistryClient.builder().settings(RegistrySettings.defaults().withInsecure(true))
                .credentials(r -> r.equals(registry.host()) && username != null
                        ? Optional.of(new RegistryCredential(username, password)) : Optional.empty())
                .build();
    }

    private static ImageReference app() {
        return ImageReference.parse(registry.host() + "/private/app:1");
    }

    @Test
    void shouldReadWithTheRightPasswordAndAgreeWithSkopeo() {
        RegistryClient client = client(USER, PASSWORD);

        assertThat(client.headManifest(app()).orElseThrow().digest()).hasToString(image.digest())
                .hasToString(Skopeo.digest(image.reference(), USER, PASSWORD));
    }

    @Test
    void shouldNameRegistryAndUserButNotThePasswordWhenThePasswordIsWrong() {
        RegistryClient client = client(USER, "wrong-password");

        RegistryUnauthorizedException e = catchThrowableOfType(RegistryUnauthorizedException.class,
                () -> client.headManifest(app()));

        assertThat(e).hasMessageContaining("registry " + registry.host())
                .hasMessageContaining("rejected the credentials of user '" + USER + "'")
                .hasMessageNotContaining("wrong-password");
        assertThat(e.registry()).isEqualTo(registry.host());
        assertThat(e.username()).contains(USER);
        assertThat(e.temporary()).isFalse();
    }

    @Test
    void shouldSayCredentialsAreMissingWhenNoneAreConfigured() {
        RegistryClient client = client(null, null);

        assertThat(catchThrowableOfType(RegistryUnauthorizedException.class, () -> client.headManifest(app())))
                .hasMessageContaining("no credentials are configured for " + registry.host());
    }

    @Test
    void shouldSendBasicFromTheStartOnceKnownSoACheckCostsOneRequest() {
        RegistryClient client = client(USER, PASSWORD);
        client.headManifest(app());
        int logged = AccessLog.settledSize(registry.log(), 0);

        client.headManifest(app());

        int after = AccessLog.settledSize(registry.log(), logged + 1);
        List<String> requests = AccessLog.requests(registry.log());
        assertThat(after - logged).isEqualTo(1);
        assertThat(requests.get(after - 1)).isEqualTo("HEAD /v2/private/app/manifests/1");
    }
}
