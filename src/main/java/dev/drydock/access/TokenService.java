package dev.drydock.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.access.RegistryCaller.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token service of the distribution token spec, and the {@link RegistryAccess} the front asks per request.
 * Access tokens are ES256 JWTs for {@code drydock.access.service} holding the granted scopes; refresh tokens are
 * JWTs of their own audience (the registry never accepts them) naming the credential they were issued on, which
 * must still hold at each use. Decisions read the {@link AccessState} snapshot, never the JWT's grants, so a
 * change applies to the next request.
 */
@ApplicationScoped
public class TokenService implements RegistryAccess {

    static final String KIND = "drydock_kind";
    private static final int MAX_REMEMBERED = 10_000;

    /** What the token endpoint answers. */
    public record Issued(String token, long expiresIn, Instant issuedAt, Optional<String> refreshToken) {}

    private record Known(RegistryCaller caller, long expires) {}

    @Inject
    AccessConfig config;

    @Inject
    AccessState state;

    @Inject
    Credentials credentials;

    @Inject
    ObjectMapper json;

    private volatile TokenSigner signer;
    private final Map<String, Known> identified = new ConcurrentHashMap<>();

    /** Whether a signing key is configured: without one there is no token service. */
    public boolean available() {
        return config.signingKey().isPresent() && config.certificate().isPresent();
    }

    /** The caller that Basic credentials name, or empty for wrong ones; null username and password: anonymous. */
    public Optional<Credentials.Proven> authenticate(String username, String password) {
        if (username == null && password == null) {
            return Optional.of(new Credentials.Proven(RegistryCaller.ANONYMOUS, "", ""));
        }
        return credentials.prove(username, password);
    }

    /** Whether anonymous callers get tokens at all (anonymous pull on). */
    public boolean anonymousAllowed() {
        return state.current().anonymousPull();
    }

    /** A token for what {@code proven} may do of {@code asked}; a refresh token too when {@code offline}. */
    public Issued issue(Credentials.Proven proven, List<Scope> asked, boolean offline) {
        RegistryCaller caller = proven.caller();
        List<Scope> granted = Grants.of(asked, permissions(caller));
        Instant now = Instant.now();
        ObjectNode claims = claims(caller, config.service(), now, now.plus(config.tokenLifetime()));
        ArrayNode access = claims.putArray("access");
        for (Scope scope : granted) {
            ArrayNode actions = access.addObject().put("type", scope.type()).put("name", scope.name()).putArray("actions");
            scope.actions().forEach(actions::add);
        }
        Optional<String> refresh = Optional.empty();
        if (offline && caller.kind() != Kind.ANONYMOUS) {
            ObjectNode r = claims(caller, refreshAudience(), now, now.plus(config.refreshTokenLifetime()))
                    .put("pwd", proven.password()).put("cred", proven.fingerprint());
            refresh = Optional.of(signer().sign(r));
        }
        return new Issued(signer().sign(claims), config.tokenLifetime().toSeconds(), now, refresh);
    }

    /** The caller a refresh token was issued to, if it is ours, unexpired, and its credential still holds. */
    public Optional<Credentials.Proven> refresh(String refreshToken) {
        Optional<JsonNode> claims = valid(refreshToken, refreshAudience());
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        JsonNode c = claims.get();
        Optional<RegistryCaller> caller = caller(c);
        String password = c.path("pwd").asText("");
        String fingerprint = c.path("cred").asText("");
        return caller.filter(k -> credentials.stillValid(k.kind(), k.name(), password, fingerprint))
                .map(k -> new Credentials.Proven(k, password, fingerprint));
    }

    @Override
    public Optional<RegistryCaller> identify(String authorization) {
        Optional<Optional<RegistryCaller>> remembered = remembered(authorization);
        if (remembered.isPresent()) {
            return remembered.get();
        }
        String jwt = authorization.substring(7).strip();
        Optional<JsonNode> claims = valid(jwt, config.service());
        Optional<RegistryCaller> caller = claims.flatMap(TokenService::caller);
        if (caller.isPresent()) {
            if (identified.size() >= MAX_REMEMBERED) {
                identified.clear();
            }
            identified.put(jwt, new Known(caller.get(), claims.get().path("exp").asLong()));
        }
        return caller;
    }

    /**
     * The caller {@code authorization} names when that is known without checking a signature: anonymous, not a
     * bearer token at all, or a bearer token verified before. Empty only for a bearer token not seen yet.
     */
    private Optional<Optional<RegistryCaller>> remembered(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.of(Optional.of(RegistryCaller.ANONYMOUS));
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || !available()) {
            return Optional.of(Optional.empty());
        }
        Known known = identified.get(authorization.substring(7).strip());
        if (known == null) {
            return Optional.empty();
        }
        boolean unexpired = known.expires() > Instant.now().getEpochSecond();
        return Optional.of(unexpired ? Optional.of(known.caller()) : Optional.empty());
    }

    @Override
    public Optional<RegistryAccess> inMemory(String authorization) {
        Optional<AccessSnapshot> snapshot = state.ifFresh();
        Optional<Optional<RegistryCaller>> caller = remembered(authorization);
        if (snapshot.isEmpty() || caller.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new InMemory(caller.get(), snapshot.get()));
    }

    /** One request's answers, all from memory: the caller already identified and a fresh snapshot. */
    private final class InMemory implements RegistryAccess {
        private final Optional<RegistryCaller> caller;
        private final AccessSnapshot snapshot;

        InMemory(Optional<RegistryCaller> caller, AccessSnapshot snapshot) {
            this.caller = caller;
            this.snapshot = snapshot;
        }

        @Override
        public Optional<RegistryCaller> identify(String authorization) {
            return caller;
        }

        @Override
        public boolean allows(RegistryCaller who, String repository, RepositoryAction action) {
            return permissions(who, snapshot).allows(repository, action);
        }

        @Override
        public String challenge(String scope) {
            return TokenService.this.challenge(scope);
        }

        @Override
        public Optional<RegistryAccess> inMemory(String authorization) {
            return Optional.of(this);
        }
    }

    @Override
    public boolean allows(RegistryCaller caller, String repository, RepositoryAction action) {
        return permissions(caller).allows(repository, action);
    }

    @Override
    public String challenge(String scope) {
        return "Bearer realm=\"" + config.realm() + "\",service=\"" + config.service() + "\""
                + (scope == null ? "" : ",scope=\"" + scope + "\"");
    }

    /** What {@code caller} may do, read from the current snapshot. */
    Grants.Permissions permissions(RegistryCaller caller) {
        return permissions(caller, state.current());
    }

    private static Grants.Permissions permissions(RegistryCaller caller, AccessSnapshot snapshot) {
        return switch (caller.kind()) {
            case ADMIN, SERVICE -> new Grants.Permissions() {
                public boolean allows(String repository, RepositoryAction action) {
                    return true;
                }

                public boolean catalog() {
                    return true;
                }
            };
            case ANONYMOUS -> new Grants.Permissions() {
                public boolean allows(String repository, RepositoryAction action) {
                    return snapshot.anonymousPull()
                            && (action == RepositoryAction.CONTENT_READ || action == RepositoryAction.METADATA_READ);
                }

                public boolean catalog() {
                    return false;
                }
            };
            case TOKEN -> {
                Optional<ScopeMap> map = snapshot.scopeOfEnabled(caller.name());
                yield new Grants.Permissions() {
                    public boolean allows(String repository, RepositoryAction action) {
                        return map.map(m -> m.allows(repository, action)).orElse(false);
                    }

                    public boolean catalog() {
                        return map.map(m -> m.allowsAnywhere(RepositoryAction.METADATA_READ)).orElse(false);
                    }
                };
            }
        };
    }

    private ObjectNode claims(RegistryCaller caller, String audience, Instant now, Instant expires) {
        return json.createObjectNode()
                .put("iss", config.issuer())
                .put("sub", caller.name())
                .put("aud", audience) // a string: Distribution 2.8 refuses an array
                .put("exp", expires.getEpochSecond())
                .put("nbf", now.getEpochSecond())
                .put("iat", now.getEpochSecond())
                .put("jti", UUID.randomUUID().toString())
                .put(KIND, caller.kind().name().toLowerCase(Locale.ROOT));
    }

    private Optional<JsonNode> valid(String jwt, String audience) {
        if (!available()) {
            return Optional.empty();
        }
        long now = Instant.now().getEpochSecond();
        return signer().verify(jwt)
                .filter(c -> c.path("iss").asText("").equals(config.issuer()))
                .filter(c -> c.path("aud").asText("").equals(audience))
                .filter(c -> c.path("exp").asLong(0) > now && c.path("nbf").asLong(Long.MAX_VALUE) <= now + 60);
    }

    private static Optional<RegistryCaller> caller(JsonNode claims) {
        String name = claims.path("sub").asText("");
        try {
            Kind kind = Kind.valueOf(claims.path(KIND).asText("").toUpperCase(Locale.ROOT));
            return Optional.of(kind == Kind.ANONYMOUS ? RegistryCaller.ANONYMOUS : new RegistryCaller(kind, name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String refreshAudience() {
        return config.service() + "#refresh";
    }

    private TokenSigner signer() {
        TokenSigner s = signer;
        if (s == null) {
            synchronized (this) {
                if (signer == null) {
                    signer = TokenSigner.load(config.signingKey().orElseThrow(), config.certificate().orElseThrow(), json);
                }
                s = signer;
            }
        }
        return s;
    }
}
