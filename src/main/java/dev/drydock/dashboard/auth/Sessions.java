package dev.drydock.dashboard.auth;

import dev.drydock.security.ApiRole;
import dev.drydock.security.ApiTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Dashboard sessions, kept in PostgreSQL so that every replica knows them. A session id is 256 random bits; the
 * database holds only its SHA-256, the role and the SHA-256 of the API token used to sign in. A session counts
 * while it has not expired, has not been closed (sign-out) and its token is still the configured one.
 */
@ApplicationScoped
public class Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ApiTokens tokens;

    /** Opens a session for a valid token; the answer is the id for the cookie, stored nowhere in clear. */
    @Transactional
    public String open(String token, ApiRole role) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = Instant.now();
        DashboardSession.delete("expires < ?1", now);
        DashboardSession session = new DashboardSession();
        session.idSha256 = sha256(id);
        session.role = role;
        session.tokenSha256 = sha256(token);
        session.created = now;
        session.expires = now.plus(SessionCookie.LIFETIME);
        session.persist();
        return id;
    }

    /** The role of a live session, or empty (unknown, expired, closed, or its token rotated away). */
    @Transactional
    public Optional<ApiRole> roleOf(String id) {
        if (id == null || id.isBlank() || id.length() > 64) {
            return Optional.empty();
        }
        return DashboardSession.<DashboardSession>findByIdOptional(sha256(id))
                .filter(s -> s.expires.isAfter(Instant.now()))
                .filter(s -> tokens.tokenOf(s.role).map(t -> MessageDigest.isEqual(
                        sha256(t).getBytes(StandardCharsets.US_ASCII), s.tokenSha256.getBytes(StandardCharsets.US_ASCII)))
                        .orElse(false))
                .map(s -> s.role);
    }

    /** Ends a session (sign-out); the same cookie no longer opens anything. */
    @Transactional
    public void close(String id) {
        if (id != null && !id.isBlank() && id.length() <= 64) {
            DashboardSession.deleteById(sha256(id));
        }
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
