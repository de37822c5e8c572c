package dev.drydock.access;

import dev.drydock.access.RegistryCaller.Kind;
import dev.drydock.security.ApiRole;
import dev.drydock.security.ApiTokens;
import dev.drydock.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a username and password are: the API admin token as the password (any username), drydock's service
 * identity, or a repository-scoped token by name with one of its unexpired passwords while it is enabled.
 * A password that verified is remembered for {@code drydock.access.verified-password-cache}, keyed by the stored
 * hash, so a new password or a deleted one is never matched from memory.
 */
@ApplicationScoped
public class Credentials {

    static final String ADMIN_NAME = "admin";
    private static final int MAX_REMEMBERED = 10_000;

    /**
     * A caller proven by a password, with what a refresh token must find again: {@code password} names the
     * token's password, {@code fingerprint} identifies the secret it proved (a new one does not match).
     */
    record Proven(RegistryCaller caller, String password, String fingerprint) {}

    @Inject
    AccessState state;

    @Inject
    AccessConfig config;

    @Inject
    ApiTokens apiTokens;

    private final Map<String, Long> verified = new ConcurrentHashMap<>();

    Optional<Proven> prove(String username, String password) {
        if (username == null || password == null || password.isEmpty()) {
            return Optional.empty();
        }
        if (apiTokens.roleOf(password).filter(r -> r == ApiRole.ADMIN).isPresent()) {
            return Optional.of(new Proven(new RegistryCaller(Kind.ADMIN, ADMIN_NAME), "", fingerprint(password)));
        }
        Optional<String> service = config.servicePassword().filter(p -> !p.isBlank());
        if (service.isPresent() && username.equals(config.serviceUsername()) && Secrets.same(service.get(), password)) {
            return Optional.of(new Proven(new RegistryCaller(Kind.SERVICE, username), "", fingerprint(password)));
        }
        Optional<RegistryToken> token = state.current().token(username).filter(RegistryToken::enabled);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        for (RegistryToken.Password p : token.get().passwords()) {
            if (!p.expiredAt(now) && matches(p.hash(), password)) {
                return Optional.of(new Proven(new RegistryCaller(Kind.TOKEN, username), p.name(), fingerprint(p.hash())));
            }
        }
        return Optional.empty();
    }

    /** Whether what {@code proven} proved still holds now (for a refresh token). */
    boolean stillValid(Kind kind, String name, String password, String fingerprint) {
        return switch (kind) {
            case ADMIN -> apiTokens.tokenOf(ApiRole.ADMIN).map(t -> fingerprint(t).equals(fingerprint)).orElse(false);
            case SERVICE -> name.equals(config.serviceUsername())
                    && config.servicePassword().map(p -> fingerprint(p).equals(fingerprint)).orElse(false);
            case TOKEN -> state.current().token(name).filter(RegistryToken::enabled)
                    .flatMap(t -> t.password(password))
                    .filter(p -> !p.expiredAt(Instant.now()) && fingerprint(p.hash()).equals(fingerprint))
                    .isPresent();
            case ANONYMOUS -> false;
        };
    }

    private boolean matches(String hash, String password) {
        String key = fingerprint(hash + "\u0000" + password);
        Long until = verified.get(key);
        long now = System.nanoTime();
        if (until != null && now - until < 0) {
            return true;
        }
        if (!PasswordHash.verify(password, hash)) {
            return false;
        }
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(key, now + config.verifiedPasswordCache().toNanos());
        return true;
    }

    static String fingerprint(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
