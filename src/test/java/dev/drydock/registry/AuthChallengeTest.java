package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthChallengeTest {

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("docker hub bearer",
                        "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/nginx:pull\"",
                        List.of(new AuthChallenge("Bearer", Map.of("realm", "https://auth.docker.io/token",
                                "service", "registry.docker.io", "scope", "repository:library/nginx:pull")))),
                Arguments.of("quoted comma inside a scope",
                        "Bearer realm=\"https://r/token\",service=\"s\",scope=\"repository:a/b:pull,push\"",
                        List.of(new AuthChallenge("bearer", Map.of("realm", "https://r/token", "service", "s",
                                "scope", "repository:a/b:pull,push")))),
                Arguments.of("spaces around separators and equals",
                        "Bearer  realm = \"https://r/token\" , service=\"s\"",
                        List.of(new AuthChallenge("bearer", Map.of("realm", "https://r/token", "service", "s")))),
                Arguments.of("error parameters of an insufficient scope answer",
                        "Bearer realm=\"https://r/t\",service=\"s\",scope=\"repository:x:pull\",error=\"insufficient_scope\"",
                        List.of(new AuthChallenge("bearer", Map.of("realm", "https://r/t", "service", "s",
                                "scope", "repository:x:pull", "error", "insufficient_scope")))),
                Arguments.of("basic with realm", "Basic realm=\"Registry Realm\"",
                        List.of(new AuthChallenge("basic", Map.of("realm", "Registry Realm")))),
                Arguments.of("bare basic", "Basic", List.of(new AuthChallenge("basic", Map.of()))),
                Arguments.of("two challenges in one header",
                        "Basic realm=\"a, b\", Bearer realm=\"https://r/token\",service=\"s\"",
                        List.of(new AuthChallenge("basic", Map.of("realm", "a, b")),
                                new AuthChallenge("bearer", Map.of("realm", "https://r/token", "service", "s")))),
                Arguments.of("bare scheme followed by another",
                        "Negotiate, Basic realm=\"x\"",
                        List.of(new AuthChallenge("negotiate", Map.of()), new AuthChallenge("basic", Map.of("realm", "x")))),
                Arguments.of("escaped quote in a quoted value", "Basic realm=\"say \\\"hi\\\"\"",
                        List.of(new AuthChallenge("basic", Map.of("realm", "say \"hi\"")))),
                Arguments.of("unquoted token values and upper-case names", "BEARER REALM=https://r/token,Service=s",
                        List.of(new AuthChallenge("bearer", Map.of("realm", "https://r/token", "service", "s")))),
                Arguments.of("empty header", "", List.of()),
                Arguments.of("garbage", "\"quoted\" nonsense", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void shouldParseChallengesOfAWwwAuthenticateHeader(String name, String header, List<AuthChallenge> expected) {
        assertThat(AuthChallenge.parse(header)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void shouldReadChallengesSpreadOverSeveralHeaders(String name, String header, List<AuthChallenge> expected) {
        List<AuthChallenge> twice = AuthChallenge.parseAll(List.of(header, header));
        assertThat(twice).hasSize(expected.size() * 2);
    }

    @Test
    void shouldLookUpParametersCaseInsensitively() {
        AuthChallenge c = AuthChallenge.parse("Bearer Realm=\"https://r\"").get(0);
        assertThat(c.isBearer()).isTrue();
        assertThat(c.param("REALM")).contains("https://r");
        assertThat(c.param("service")).isEmpty();
    }
}
