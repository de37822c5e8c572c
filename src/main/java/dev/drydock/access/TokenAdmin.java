package dev.drydock.access;

import dev.drydock.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Repository-scoped tokens and their passwords, as the API manages them. */
@ApplicationScoped
public class TokenAdmin {

    static final int MAX_EXPIRES_IN_DAYS = 3650;

    /** A password just made: {@code value} is shown once and stored only as a hash. */
    public record NewPassword(String name, String value, Instant created, Instant expires) {
        @Override
        public String toString() {
            return "NewPassword[name=" + name + ", value=<redacted>]";
        }
    }

    @Inject
    AccessState state;

    @Inject
    AccessConfig config;

    @Transactional
    public RegistryToken create(String name, String scopeMap, boolean enabled) {
        Names.check("name", name);
        if (name.equals(config.serviceUsername())) {
            throw ProblemException.badRequest("name", "'" + name + "' is drydock's own service identity");
        }
        checkScopeMap(scopeMap);
        if (TokenEntity.findByIdOptional(name).isPresent()) {
            throw ProblemException.conflict("token '" + name + "' already exists");
        }
        TokenEntity entity = new TokenEntity();
        entity.name = name;
        entity.scopeMap = scopeMap;
        entity.enabled = enabled;
        entity.created = now();
        entity.persistAndFlush();
        state.changed();
        return entity.toToken();
    }

    @Transactional
    public List<RegistryToken> list() {
        return TokenEntity.listByName().stream().map(TokenEntity::toToken).toList();
    }

    @Transactional
    public Optional<RegistryToken> find(String name) {
        return TokenEntity.<TokenEntity>findByIdOptional(name).map(TokenEntity::toToken);
    }

    @Transactional
    public long count() {
        return TokenEntity.count();
    }

    /** Changes what is given; the rest stays. */
    @Transactional
    public RegistryToken change(String name, Optional<String> scopeMap, Optional<Boolean> enabled) {
        TokenEntity entity = entity(name);
        scopeMap.ifPresent(TokenAdmin::checkScopeMap);
        scopeMap.ifPresent(s -> entity.scopeMap = s);
        enabled.ifPresent(e -> entity.enabled = e);
        state.changed();
        return entity.toToken();
    }

    @Transactional
    public boolean delete(String name) {
        boolean deleted = TokenEntity.deleteById(name);
        state.changed();
        return deleted;
    }

    /** Makes (or replaces) {@code password1} or {@code password2}; {@code expiresInDays} null: it never expires. */
    @Transactional
    public NewPassword generatePassword(String token, String passwordName, Integer expiresInDays) {
        if (passwordName == null || !RegistryToken.PASSWORD_NAMES.contains(passwordName)) {
            throw ProblemException.badRequest("name", "name must be password1 or password2");
        }
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > MAX_EXPIRES_IN_DAYS)) {
            throw ProblemException.badRequest("expiresInDays", "expiresInDays must be between 1 and " + MAX_EXPIRES_IN_DAYS);
        }
        TokenEntity entity = entity(token);
        String value = PasswordHash.generate();
        TokenEntity.StoredPassword stored = new TokenEntity.StoredPassword();
        stored.name = passwordName;
        stored.hash = PasswordHash.hash(value);
        stored.created = now();
        stored.expires = expiresInDays == null ? null : stored.created.plus(Duration.ofDays(expiresInDays));
        entity.passwords.removeIf(p -> p.name.equals(passwordName));
        entity.passwords.add(stored);
        state.changed();
        return new NewPassword(passwordName, value, stored.created, stored.expires);
    }

    /** For tests and operators: moves a password's expiry (null: never). */
    @Transactional
    public void expirePassword(String token, String passwordName, Instant expires) {
        TokenEntity entity = entity(token);
        entity.passwords.stream().filter(p -> p.name.equals(passwordName)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("password", passwordName)).expires = expires;
        state.changed();
    }

    private static TokenEntity entity(String name) {
        return TokenEntity.<TokenEntity>findByIdOptional(name).orElseThrow(() -> ProblemException.notFound("token", name));
    }

    private static void checkScopeMap(String scopeMap) {
        if (scopeMap == null || scopeMap.isBlank()) {
            throw ProblemException.badRequest("scopeMap", "scopeMap must name a scope map");
        }
        if (ScopeMapEntity.findByIdOptional(scopeMap).isEmpty()) {
            throw ProblemException.badRequest("scopeMap", "scope map '" + scopeMap + "' does not exist");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
