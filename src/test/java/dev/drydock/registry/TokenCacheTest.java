package dev.drydock.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final TokenCache.Key KEY = new TokenCache.Key("docker.io", null,
            List.of("repository:library/nginx:pull"));

    private final MutableClock clock = new MutableClock(NOW);
    private final TokenCache cache = new TokenCache(clock);

    private static BearerToken token(String json) {
        return BearerToken.parse(json.getBytes(UTF_8), NOW);
    }

    @Test
    void shouldKeepATokenUntilExpiresInMinusASafetyMargin() {
        cache.put(KEY, token("{\"token\":\"t1\",\"expires_in\":300}"));
        clock.advance(Duration.ofSeconds(294));
        assertThat(cache.get(KEY)).map(BearerToken::value).contains("t1");
        clock.advance(Duration.ofSeconds(1)); // 300 s minus the 5 s margin
        assertThat(cache.get(KEY)).isEmpty();
    }

    @Test
    void shouldAssumeSixtySecondsWhenExpiresInIsMissing() {
        BearerToken t = token("{\"token\":\"t\"}");
        assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(60).minusSeconds(5));
    }

    @Test
    void shouldHonourAOneSecondTokenWithAProportionateMargin() {
        BearerToken t = token("{\"token\":\"t\",\"expires_in\":1}");
        assertThat(t.expiresAt()).isEqualTo(NOW.plusMillis(900));
    }

    @Test
    void shouldCountFromIssuedAtWhenTheRealmSendsIt() {
        BearerToken t = token("{\"token\":\"t\",\"expires_in\":100,\"issued_at\":\"2025-03-01T11:59:00Z\"}");
        assertThat(t.expiresAt()).isEqualTo(NOW.minusSeconds(60).plusSeconds(100).minusSeconds(5));
    }

    @Test
    void shouldCountFromNowWhenIssuedAtIsInTheFuture() {
        BearerToken t = token("{\"token\":\"t\",\"expires_in\":100,\"issued_at\":\"2025-03-01T12:10:00Z\"}");
        assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(95));
    }

    @Test
    void shouldAcceptAccessTokenForOauthCompatibility() {
        assertThat(token("{\"access_token\":\"oauth\",\"expires_in\":60}").value()).isEqualTo("oauth");
        assertThat(token("{\"token\":\"a\",\"access_token\":\"b\"}").value()).isEqualTo("a");
    }

    @Test
    void shouldRejectAnAnswerWithoutToken() {
        assertThatThrownBy(() -> token("{\"expires_in\":60}")).hasMessageContaining("neither");
        assertThatThrownBy(() -> token("not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepTokensApartByScopeAndUser() {
        cache.put(KEY, token("{\"token\":\"nginx\"}"));
        assertThat(cache.get(new TokenCache.Key("docker.io", null, List.of("repository:library/redis:pull")))).isEmpty();
        assertThat(cache.get(new TokenCache.Key("docker.io", "bob", KEY.scopes()))).isEmpty();
        assertThat(cache.get(KEY)).isPresent();
    }

    @Test
    void shouldForgetARejectedTokenButNotItsReplacement() {
        cache.put(KEY, token("{\"token\":\"old\"}"));
        cache.invalidate(KEY, "old");
        assertThat(cache.get(KEY)).isEmpty();
        cache.put(KEY, token("{\"token\":\"new\"}"));
        cache.invalidate(KEY, "old"); // a late 401 for the old token must not drop the new one
        assertThat(cache.get(KEY)).map(BearerToken::value).contains("new");
    }

    @Test
    void shouldNeverPrintTheToken() {
        assertThat(token("{\"token\":\"s3cr3t\"}").toString()).doesNotContain("s3cr3t");
    }
}
