package dev.drydock.dashboard.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;

/**
 * The dashboard session cookie: a random session id (see {@link Sessions}), never the API token, in an HttpOnly,
 * SameSite=Strict cookie, so that page scripts never see it and other sites cannot send it.
 */
public final class SessionCookie {

    public static final String NAME = "drydock_session";
    /** How long a session lasts. */
    public static final Duration LIFETIME = Duration.ofHours(12);

    private SessionCookie() {}

    /** The session id the request carries, or null. */
    public static String sessionId(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(NAME);
        return cookie == null ? null : cookie.getValue();
    }

    public static NewCookie create(String sessionId, boolean secure) {
        return builder(sessionId, secure).maxAge((int) LIFETIME.toSeconds()).build();
    }

    public static NewCookie clear(boolean secure) {
        return builder("", secure).maxAge(0).build();
    }

    /**
     * Whether the browser reached us over HTTPS: directly, or through a proxy when the operator enabled Quarkus's
     * forwarded-header support (which then rewrites the request's scheme); a bare {@code X-Forwarded-Proto} counts
     * for nothing.
     */
    public static boolean secure(ContainerRequestContext request) {
        return "https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme());
    }

    private static NewCookie.Builder builder(String value, boolean secure) {
        return new NewCookie.Builder(NAME).value(value).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT);
    }
}
