package dev.drydock.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.image.Digest;
import dev.drydock.image.MediaTypes;
import dev.drydock.registry.FakeRegistry.Reply;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Challenges, token fetching and caching, Basic auth and the one retry after a 401, against scripted servers. */
class RegistryClientAuthTest {

    private static final byte[] MANIFEST = "{\"schemaVersion\":2}".getBytes(UTF_8);
    private static final Map<String, String> FOUND = Map.of("Docker-Content-Digest",
            Digest.sha256Of(MANIFEST).toString(), "Content-Type", MediaTypes.OCI_MANIFEST);

    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile String validToken = "none";
    private FakeRegistry realm;
    private FakeRegistry registry;

    @AfterEach
    void close() {
        if (realm != null) {
            realm.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    /** A registry that wants a bearer token from {@code realm}, which issues tok1, tok2, ... */
    private void startTokenRegistry(String tokenField) {
        realm = FakeRegistry.start((ex, n) -> {
            validToken = "tok" + tokensIssued.incrementAndGet();
            return new Reply(200, Map.of("Content-Type", "application/json"),
                    ("{\"" + tokenField + "\":\"" + validToken + "\",\"expires_in\":300}").getBytes(UTF_8));
        });
        registry = FakeRegistry.start((ex, n) -> {
            if (("Bearer " + validToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                return new Reply(200, FOUND, MANIFEST);
            }
            return Reply.of(401, Map.of("WWW-Authenticate", "Bearer realm=\"" + realm.url() + "/token\","
                    + "service=\"fake-registry\",scope=\"repository:app:pull\""));
        });
    }

    private RegistryClient.Builder client() {
        return RegistryClient.builder().settings(RegistrySettings.defaults().withInsecure(true));
    }

    @Test
    void shouldFetchATokenAfterTheFirstChallengeAndThenSendItFromTheStart() {
        startTokenRegistry("token");
        RegistryClient client = client().build();

        assertThat(client.headManifest(registry.ref("app:1"))).isPresent();
        assertThat(registry.requests()).as("401, then the retry with a token").isEqualTo(2);
        assertThat(realm.requests()).isEqualTo(1);
        assertThat(client.requestCount(registry.host())).isEqualTo(3);

        assertThat(client.headManifest(registry.ref("app:1"))).isPresent();
        assertThat(registry.requests()).as("one request with the cached token").isEqualTo(3);
        assertThat(realm.requests()).isEqualTo(1);
        assertThat(client.requestCount(registry.host())).isEqualTo(4);
    }

    @Test
    void shouldAskTheRealmForTheServiceAndScopeWithTheCredential() {
        startTokenRegistry("access_token");
        RegistryClient client = client().credentials(r -> Optional.of(new RegistryCredential("bob", "dckr_pat_x"))).build();

        assertThat(client.getManifest(registry.ref("team/app:1"))).isPresent();

        FakeRegistry.Seen token = realm.seen().get(0);
        assertThat(token.path()).startsWith("/token?").contains("service=fake-registry")
                .contains("scope=repository%3Ateam%2Fapp%3Apull").contains("account=bob");
        assertThat(token.headers().getFirst("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("bob:dckr_pat_x".getBytes(UTF_8)));
    }

    @Test
    void shouldRetryOnceWithAFreshTokenWhenTheRegistryRejectsACachedOne() {
        startTokenRegistry("token");
        RegistryClient client = client().build();
        client.headManifest(registry.ref("app:1"));

        validToken = "revoked-by-the-registry";
        assertThat(client.headManifest(registry.ref("app:1"))).isPresent();

        assertThat(tokensIssued.get()).isEqualTo(2);
        assertThat(registry.requests()).as("2 for the first call, 2 for the second").isEqualTo(4);
    }

    @Test
    void shouldGiveUpAfterOneRetryWhenAFreshTokenIsRefusedToo() {
        startTokenRegistry("token");
        registry.route((ex, n) -> Reply.of(401, Map.of("WWW-Authenticate", "Bearer realm=\"" + realm.url()
                + "/token\",service=\"fake-registry\",error=\"insufficient_scope\"")));
        RegistryClient client = client().build();

        RegistryUnauthorizedException e = catchThrowableOfType(RegistryUnauthorizedException.class,
                () -> client.headManifest(registry.ref("private/app:1")));

        assertThat(registry.requests()).isEqualTo(2);
        assertThat(e.temporary()).isFalse();
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.username()).isEmpty();
        assertThat(e.repository()).contains("private/app");
        assertThat(e).hasMessageContaining(registry.host());
    }

    @Test
    void shouldNameRegistryAndUserButNeverThePasswordWhenBasicCredentialsAreWrong() {
        registry = FakeRegistry.start((ex, n) -> Reply.of(401, Map.of("WWW-Authenticate", "Basic realm=\"test\"")));
        RegistryClient client = client().credentials(r -> Optional.of(new RegistryCredential("alice", "wrong-s3cret")))
                .build();

        RegistryUnauthorizedException e = catchThrowableOfType(RegistryUnauthorizedException.class,
                () -> client.headManifest(registry.ref("app:1")));

        assertThat(e).hasMessageContaining(registry.host()).hasMessageContaining("alice")
                .hasMessageContaining("rejected the credentials").hasMessageNotContaining("wrong-s3cret");
        assertThat(e.username()).contains("alice");
        assertThat(registry.requests()).as("anonymous, then once with Basic").isEqualTo(2);
    }

    @Test
    void shouldSendBasicCredentialsFromTheStartOnceTheRegistryAskedForThem() {
        String expected = "Basic " + Base64.getEncoder().encodeToString("alice:pw".getBytes(UTF_8));
        registry = FakeRegistry.start((ex, n) -> expected.equals(ex.getRequestHeaders().getFirst("Authorization"))
                ? new Reply(200, FOUND, MANIFEST)
                : Reply.of(401, Map.of("WWW-Authenticate", "Basic realm=\"test\"")));
        RegistryClient client = client().credentials(r -> Optional.of(new RegistryCredential("alice", "pw"))).build();

        client.headManifest(registry.ref("app:1"));
        client.headManifest(registry.ref("app:1"));
        client.headManifest(registry.ref("other:2"));

        assertThat(registry.requests()).isEqualTo(4);
    }

    @Test
    void shouldSayNoCredentialsAreConfiguredWhenARegistryWantsThem() {
        registry = FakeRegistry.start((ex, n) -> Reply.of(401, Map.of("WWW-Authenticate", "Basic realm=\"test\"")));
        RegistryClient client = client().build();

        RegistryUnauthorizedException e = catchThrowableOfType(RegistryUnauthorizedException.class,
                () -> client.headManifest(registry.ref("app:1")));

        assertThat(e).hasMessageContaining("no credentials are configured for " + registry.host());
        assertThat(registry.requests()).isEqualTo(1);
    }

    @Test
    void shouldReportARealmThatRefusesTheCredentialAsUnauthorized() {
        realm = FakeRegistry.start((ex, n) -> Reply.of(401));
        registry = FakeRegistry.start((ex, n) -> Reply.of(401, Map.of("WWW-Authenticate",
                "Bearer realm=\"" + realm.url() + "/token\",service=\"svc\"")));
        RegistryClient client = client().credentials(r -> Optional.of(new RegistryCredential("carol", "nope"))).build();

        RegistryUnauthorizedException e = catchThrowableOfType(RegistryUnauthorizedException.class,
                () -> client.headManifest(registry.ref("app:1")));

        assertThat(e).hasMessageContaining("registry " + registry.host() + " rejected the credentials of user 'carol'")
                .hasMessageNotContaining("nope");
    }

    @Test
    void shouldKeepCredentialsOffRedirectsToOtherHosts() {
        FakeRegistry storage = FakeRegistry.start((ex, n) -> new Reply(200, Map.of(), "blob".getBytes(UTF_8)));
        Digest blob = Digest.sha256Of("blob".getBytes(UTF_8));
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:pw".getBytes(UTF_8));
        registry = FakeRegistry.start((ex, n) -> basic.equals(ex.getRequestHeaders().getFirst("Authorization"))
                ? Reply.of(307, Map.of("Location", storage.url() + "/blobs/x?signature=1"))
                : Reply.of(401, Map.of("WWW-Authenticate", "Basic realm=\"test\"")));
        try {
            RegistryClient client = client().credentials(r -> Optional.of(new RegistryCredential("alice", "pw"))).build();

            assertThat(client.getBlob(registry.ref("app"), blob)).hasValueSatisfying(b -> assertThat(b).isEqualTo(
                    "blob".getBytes(UTF_8)));
            assertThat(storage.seen()).hasSize(1);
            assertThat(storage.seen().get(0).headers().get("Authorization")).isNull();
            assertThat(List.of(registry.requests(), storage.requests())).containsExactly(2, 1);
        } finally {
            storage.close();
        }
    }

    @Test
    void shouldNotFollowARedirectToSomethingOtherThanHttp() {
        Digest blob = Digest.sha256Of("blob".getBytes(UTF_8));
        registry = FakeRegistry.start((ex, n) -> Reply.of(307, Map.of("Location", "file:///etc/passwd")));
        RegistryClient client = client().build();

        RegistryResponseException e = catchThrowableOfType(RegistryResponseException.class,
                () -> client.getBlob(registry.ref("app"), blob));

        assertThat(e).hasMessageContaining("redirect to something other than an http(s) URL not followed");
        assertThat(registry.requests()).isEqualTo(1);
    }
}
