package dev.drydock.rebuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.image.ImageReference;
import dev.drydock.registry.CredentialLookup;
import dev.drydock.registry.RegistryCredential;
import dev.drydock.testing.LocalRegistry;
import dev.drydock.testing.RegistryOptions;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestImages.PushedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryAuthBuildTest {

    private static final String USER = "builder";
    private static final String PASSWORD = "s3cret-builder-pass";
    private static LocalRegistry secured;

    @TempDir
    Path context;

    @TempDir
    Path cache;

    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startSecuredRegistry() {
        secured = LocalRegistry.start(RegistryOptions.htpasswd(USER, PASSWORD));
    }

    @AfterAll
    static void stopSecuredRegistry() {
        secured.close();
    }

    @Test
    void shouldPushToARegistryThatNeedsCredentials() throws Exception {
        String target = secured.host() + "/team/private:1";

        BuildResult result = new JibImageBuilder(cache).build(request(target, PASSWORD), log::add);

        assertThat(result.digest()).isEqualTo(Skopeo.inspect(target, USER, PASSWORD).path("Digest").asText());
        assertThat(log).noneMatch(l -> l.contains(PASSWORD));
    }

    @Test
    void shouldFailWithAnAuthErrorThatDoesNotShowThePassword() throws Exception {
        String wrong = "wrong-password-123";

        BuildException thrown = catchThrowableOfType(BuildException.class,
                () -> new JibImageBuilder(cache).build(request(secured.host() + "/team/private:denied", wrong), log::add));

        assertThat(thrown.kind()).isEqualTo(BuildException.Kind.AUTH);
        assertThat(thrown.temporary()).isFalse();
        assertThat(thrown.getMessage()).contains(secured.host()).doesNotContain(wrong);
        assertThat(log).noneMatch(l -> l.contains(wrong));
    }

    private BuildRequest request(String target, String password) throws Exception {
        String baseTag = BuildRegistries.upstream() + "/base/for-auth:1";
        PushedImage base = TestImages.push(baseTag);
        Files.writeString(context.resolve("app.txt"), "private");
        var recipe = Recipes.dockerfile("FROM " + baseTag + "\nCOPY app.txt /app/\n");
        CredentialLookup credentials = registry -> registry.equals(secured.host())
                ? Optional.of(new RegistryCredential(USER, password)) : Optional.empty();
        return BuildRequest.of(recipe, context, Optional.of(ImageReference.parse(base.reference() + "@" + base.digest())),
                        List.of(ImageReference.parse(target)))
                .withCredentials(credentials)
                .withPlainHttpRegistries(Set.of(BuildRegistries.upstream(), secured.host()));
    }
}
