package dev.drydock.dashboard.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;

/**
 * The dashboard session: the API token the viewer signed in with, in an HttpOnly, SameSite=Strict cookie, so that
 * page scripts never see it and other sites cannot send it. Checked against the configured tokens on every
 * request, so rotating a token ends the sessions that used it.
 */
public final class SessionCookie {

    public static final String NAME = "drydock_session";
    /** How long a browser keeps the session. */
    public static final Duration LIFETIME = Duration.ofHours(12);

    private SessionCookie() {}

    /** The token the request carries, or null. */
    public static String token(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(NAME);
        return cookie == null ? null : cookie.getValue();
    }

    public static NewCookie create(String token, boolean secure) {
        return builder(token, secure).maxAge((int) LIFETIME.toSeconds()).build();
    }

    public static NewCookie clear(boolean secure) {
        return builder("", secure).maxAge(0).build();
    }

    /** Whether the browser reached us over HTTPS (directly or through a proxy that says so). */
    public static boolean secure(ContainerRequestContext request) {
        String forwarded = request.getHeaderString("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme())
                || "https".equalsIgnoreCase(forwarded);
    }

    private static NewCookie.Builder builder(String value, boolean secure) {
        return new NewCookie.Builder(NAME).value(value).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT);
    }
}
