package dev.drydock.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.net.OutboundPolicy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Git hosts obey the same outbound-address policy as registries: a denied address is never connected to. */
class GitOutboundPolicyTest {

    @TempDir
    Path dir;

    private OriginRepository origin;
    private SmartHttpGitServer server;

    @BeforeEach
    void server() throws Exception {
        origin = OriginRepository.create(dir.resolve("origin"));
        origin.commit("first", Map.of("Dockerfile", "FROM base:1\n"));
        server = SmartHttpGitServer.serving("127.0.0.1", origin.repository());
    }

    @AfterEach
    void close() {
        server.close();
        origin.close();
    }

    @Test
    void shouldNotConnectToAGitHostWhoseAddressThePolicyDenies() {
        SourceCheckout checkouts = new SourceCheckout(dir.resolve("cache"), SourceLimits.DEFAULT,
                GitUrlPolicy.ALLOW_INSECURE, OutboundPolicy.defaults().withLoopback(false));
        String url = server.origin("127.0.0.1") + "/acme/app.git";

        assertThatThrownBy(() -> checkouts.checkout(new GitSource(url, "main", ""), Optional.empty(), Optional.empty(),
                dir.resolve("work")))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.INVALID))
                .hasMessageContaining("not allowed by drydock.outbound");
        assertThatThrownBy(() -> checkouts.resolveHead(url, "main", Optional.empty()))
                .hasMessageContaining("not allowed by drydock.outbound");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void shouldCheckOutFromAGitHostThePolicyAllows() {
        SourceCheckout checkouts = new SourceCheckout(dir.resolve("cache"), SourceLimits.DEFAULT,
                GitUrlPolicy.ALLOW_INSECURE, OutboundPolicy.defaults());
        String url = server.origin("127.0.0.1") + "/acme/app.git";

        assertThat(checkouts.resolveHead(url, "main", Optional.empty())).hasSize(40);
        assertThat(server.requests()).isNotEmpty();
    }

    @Test
    void shouldFindTheHostGitConnectsTo() {
        assertThat(GitUrlPolicy.hostOf("https://git.example.com:8443/a/b.git")).contains("git.example.com");
        assertThat(GitUrlPolicy.hostOf("ssh://git@[::1]:22/a.git")).contains("::1");
        assertThat(GitUrlPolicy.hostOf("git@github.com:acme/app.git")).contains("github.com");
        assertThat(GitUrlPolicy.hostOf("/srv/repo")).isEmpty();
        assertThat(GitUrlPolicy.hostOf("file:///srv/repo")).isEmpty();
    }
}
