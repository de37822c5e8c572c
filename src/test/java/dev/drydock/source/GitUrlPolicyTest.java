package dev.drydock.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.source.SourceException.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitUrlPolicyTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://github.com/acme/app.git", "ssh://git@github.com/acme/app.git",
            "git@github.com:acme/app.git", "https://gitlab.example.com:8443/group/sub/app"})
    void shouldAllowEncryptedTransportsByDefault(String url) {
        assertThat(GitUrlPolicy.STRICT.check(url)).isEqualTo(url);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://github.com/acme/app.git", "git://github.com/acme/app.git",
            "file:///srv/git/app.git", "/srv/git/app.git", "../app"})
    void shouldRefusePlainTransportsAndLocalPathsUnlessAllowed(String url) {
        SourceException thrown = catchThrowableOfType(SourceException.class, () -> GitUrlPolicy.STRICT.check(url));

        assertThat(thrown.kind()).isEqualTo(Kind.INVALID);
        assertThat(thrown.getMessage()).contains("drydock.source.allow-insecure-urls");
        assertThat(GitUrlPolicy.ALLOW_INSECURE.check(url)).isEqualTo(url);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://user:secret@github.com/acme/app.git", "https://ghp_secret@github.com/acme/app",
            "ssh://git:secret@github.com/acme/app.git", "http://user:secret@localhost/app.git"})
    void shouldRefuseCredentialsInTheUrlEvenWhenInsecureUrlsAreAllowed(String url) {
        SourceException thrown = catchThrowableOfType(SourceException.class,
                () -> GitUrlPolicy.ALLOW_INSECURE.check(url));

        assertThat(thrown.getMessage()).contains("credential set").doesNotContain("secret");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ext::sh -c touch% /tmp/pwned", "-uhttps://github.com/acme/app", "ftp://host/app.git",
            "https://github.com/acme/app\n.git"})
    void shouldRefuseOtherTransportsOptionsAndControlCharacters(String url) {
        assertThat(catchThrowableOfType(SourceException.class, () -> GitUrlPolicy.ALLOW_INSECURE.check(url)).kind())
                .isEqualTo(Kind.INVALID);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "https://user:secret@github.com/acme/app.git, https://github.com/acme/app.git",
            "https://ghp_secret@github.com/acme/app.git, https://github.com/acme/app.git",
            "https://github.com/acme/app.git?private_token=secret, https://github.com/acme/app.git?<redacted>",
            "ssh://git@github.com/acme/app.git, ssh://git@github.com/acme/app.git",
            "ssh://git:secret@github.com/acme/app.git, ssh://github.com/acme/app.git",
            "git@github.com:acme/app.git, git@github.com:acme/app.git"})
    void shouldShowUrlsWithoutCredentials(String url, String shown) {
        assertThat(GitUrlPolicy.redact(url)).isEqualTo(shown);
    }
}
