package dev.drydock.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository's credential goes to its own host only: a git server that takes the credential and then redirects
 * to another origin, which asks for credentials in turn, must not make drydock send it there.
 */
class GitCredentialOriginTest {

    private static final GitCredential CREDENTIAL = new GitCredential("builder", "git-token-123");
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("builder:git-token-123".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    private OriginRepository origin;
    private SmartHttpGitServer elsewhere;
    private SmartHttpGitServer repositoryHost;

    @BeforeEach
    void servers() throws Exception {
        origin = OriginRepository.create(dir.resolve("origin"));
        origin.commit("first", Map.of("Dockerfile", "FROM base:1\n"));
        elsewhere = SmartHttpGitServer.collecting("127.0.0.1", origin.repository());
        repositoryHost = SmartHttpGitServer.redirecting("127.0.0.1", BASIC, elsewhere.origin("127.0.0.1"));
    }

    @AfterEach
    void close() {
        repositoryHost.close();
        elsewhere.close();
        origin.close();
    }

    @Test
    void shouldSendNoCredentialToTheOriginARedirectPointsTo() {
        SourceCheckout checkouts = new SourceCheckout(dir.resolve("cache"), SourceLimits.DEFAULT,
                GitUrlPolicy.ALLOW_INSECURE);
        String url = repositoryHost.origin("localhost") + "/acme/app.git";

        try {
            checkouts.checkout(new GitSource(url, "main", ""), Optional.empty(), Optional.of(CREDENTIAL),
                    dir.resolve("work"));
        } catch (SourceException e) {
            // whether the checkout fails is not the point: where the credential went is
        }

        assertThat(repositoryHost.requests()).extracting(SmartHttpGitServer.Request::authorization)
                .contains(Optional.of(BASIC));
        assertThat(elsewhere.requests()).isNotEmpty();
        assertThat(elsewhere.requests()).extracting(SmartHttpGitServer.Request::authorization)
                .containsOnly(Optional.empty());
    }
}
