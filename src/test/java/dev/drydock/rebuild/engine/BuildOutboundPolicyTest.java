package dev.drydock.rebuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.net.OutboundPolicy;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestImages.PushedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jib opens its own connections, so a build checks its registries against the outbound policy first. */
class BuildOutboundPolicyTest {

    @TempDir
    Path context;

    @TempDir
    Path cache;

    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void shouldRefuseABuildWhoseRegistriesResolveToADeniedAddressBeforeJibConnects() throws Exception {
        String baseTag = BuildRegistries.upstream() + "/base/for-outbound:1";
        PushedImage base = TestImages.push(baseTag);
        Files.writeString(context.resolve("app.txt"), "hello");
        String target = BuildRegistries.privateRegistry() + "/team/outbound:" + System.nanoTime();
        BuildRequest request = BuildFromRecipeTest.request(Recipes.dockerfile("FROM " + baseTag + "\nCOPY app.txt /\n"),
                base, target, context);
        JibImageBuilder denyingLoopback = new JibImageBuilder(cache, true, 2, OutboundPolicy.defaults().withLoopback(false));

        assertThatThrownBy(() -> denyingLoopback.build(request, log::add))
                .isInstanceOfSatisfying(BuildException.class, e -> assertThat(e.temporary()).isFalse())
                .hasMessageContaining("not allowed by drydock.outbound");
        assertThat(Skopeo.exists(target)).isFalse();
        assertThat(log).noneMatch(line -> line.startsWith("jib:"));
    }

    @Test
    void shouldNameTheHostJibConnectsTo() {
        assertThat(JibImageBuilder.hostOf("127.0.0.1:5000")).isEqualTo("127.0.0.1");
        assertThat(JibImageBuilder.hostOf("[::1]:5000")).isEqualTo("::1");
        assertThat(JibImageBuilder.hostOf("ghcr.io")).isEqualTo("ghcr.io");
        assertThat(JibImageBuilder.hostOf("docker.io")).isEqualTo("registry-1.docker.io");
    }
}
