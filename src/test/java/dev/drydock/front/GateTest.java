package dev.drydock.front;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.access.RegistryAccess;
import dev.drydock.access.RegistryCaller;
import dev.drydock.access.RepositoryAction;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GateTest {

    /** No header: anonymous, may read; {@code Bearer team-a}: only team-a/*; {@code Bearer admin}; else unknown. */
    private final RegistryAccess access = new RegistryAccess() {
        @Override
        public Optional<RegistryCaller> identify(String authorization) {
            if (authorization == null) {
                return Optional.of(RegistryCaller.ANONYMOUS);
            }
            return switch (authorization) {
                case "Bearer admin" -> Optional.of(new RegistryCaller(RegistryCaller.Kind.ADMIN, "admin"));
                case "Bearer team-a" -> Optional.of(new RegistryCaller(RegistryCaller.Kind.TOKEN, "team-a"));
                default -> Optional.empty();
            };
        }

        @Override
        public boolean allows(RegistryCaller caller, String repository, RepositoryAction action) {
            return switch (caller.kind()) {
                case ANONYMOUS -> action == RepositoryAction.CONTENT_READ;
                case TOKEN -> repository.startsWith("team-a/");
                case ADMIN, SERVICE -> true;
            };
        }

        @Override
        public String challenge(String scope) {
            return "Bearer realm=\"http://r/service/token\",service=\"r\"" + (scope == null ? "" : ",scope=\"" + scope + "\"");
        }

        @Override
        public Optional<RegistryAccess> inMemory(String authorization) {
            return Optional.of(this);
        }
    };

    private final Gate gate = new Gate(access, throttle(2), throttle(3));

    private static Throttle throttle(int burst) {
        return new Throttle(new FrontConfig.Throttle() {
            @Override
            public double rate() {
                return 0.001;
            }

            @Override
            public int burst() {
                return burst;
            }
        }, 100, () -> 0L);
    }

    private Verdict decide(String method, String path, String query, String authorization, String address) {
        return gate.decide(RegistryRoute.of(method, path, query), authorization, address);
    }

    @Test
    void shouldForwardAnAllowedPullAsTheCaller() {
        assertThat(decide("GET", "/v2/a/manifests/1", null, null, "10.0.0.1"))
                .isEqualTo(new Verdict.Forward(RegistryCaller.ANONYMOUS));
    }

    @Test
    void shouldChargeAnUnknownTokenToTheAddressAndChallengeIt() {
        Verdict first = decide("GET", "/v2/a/manifests/1", null, "Bearer invalid", "10.0.0.2");
        assertThat(first).isInstanceOfSatisfying(Verdict.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.outcome()).isEqualTo(FrontMeters.Outcome.UNAUTHENTICATED);
            assertThat(refused.challenge()).contains("scope=\"repository:a:pull\"");
        });
        decide("GET", "/v2/a/manifests/1", null, "Bearer invalid", "10.0.0.2");
        assertThat(decide("GET", "/v2/a/manifests/1", null, null, "10.0.0.2")).isInstanceOf(Verdict.Throttled.class);
    }

    @Test
    void shouldThrottleTokensPerTokenAndNeverTheAdmin() {
        for (int i = 0; i < 3; i++) {
            assertThat(decide("GET", "/v2/team-a/x/manifests/1", null, "Bearer team-a", "10.0.0." + i))
                    .isInstanceOf(Verdict.Forward.class);
        }
        assertThat(decide("GET", "/v2/team-a/x/manifests/1", null, "Bearer team-a", "10.0.0.9"))
                .as("another address, the same token").isInstanceOf(Verdict.Throttled.class);
        for (int i = 0; i < 10; i++) {
            assertThat(decide("GET", "/v2/a/manifests/1", null, "Bearer admin", "10.0.0.3")).isInstanceOf(Verdict.Forward.class);
        }
    }

    @Test
    void shouldRefuseTheCatalogToAnonymousCallersOnly() {
        assertThat(decide("GET", "/v2/_catalog", null, null, "10.0.0.4")).isInstanceOfSatisfying(Verdict.Refused.class,
                refused -> assertThat(refused.challenge()).contains("registry:catalog:*"));
        assertThat(decide("GET", "/v2/_catalog", null, "Bearer team-a", "10.0.0.4")).isInstanceOf(Verdict.Forward.class);
    }

    @Test
    void shouldChargeOnlyAnonymousTokenRequestsToTheAddress() {
        assertThat(decide("GET", "/service/token", "scope=x", null, "10.0.0.5")).isInstanceOf(Verdict.Forward.class);
        assertThat(decide("GET", "/service/token", "scope=x", null, "10.0.0.5")).isInstanceOf(Verdict.Forward.class);
        assertThat(decide("GET", "/service/token", "scope=x", null, "10.0.0.5")).isInstanceOf(Verdict.Throttled.class);
        assertThat(decide("GET", "/service/token", "scope=x", "Basic dTpw", "10.0.0.5")).isInstanceOf(Verdict.Forward.class);
    }

    @Test
    void shouldDenyATokenWithInsufficientScope() {
        assertThat(decide("PUT", "/v2/team-b/x/manifests/1", null, "Bearer team-a", "10.0.0.6"))
                .isInstanceOfSatisfying(Verdict.Refused.class, refused -> {
                    assertThat(refused.code()).isEqualTo("DENIED");
                    assertThat(refused.challenge()).contains("repository:team-b/x:pull,push").contains("insufficient_scope");
                });
        assertThat(access.allows(new RegistryCaller(RegistryCaller.Kind.TOKEN, "team-a"), "team-a/x",
                RepositoryAction.CONTENT_WRITE)).isTrue();
    }
}
