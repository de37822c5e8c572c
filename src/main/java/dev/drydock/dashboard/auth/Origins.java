package dev.drydock.dashboard.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;

/**
 * Form posts must come from the dashboard's own pages. Browsers send {@code Origin} with every POST; one naming
 * another host is refused (on top of the SameSite=Strict cookie).
 */
final class Origins {

    private Origins() {}

    static boolean sameOrigin(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin == null) {
            return true;
        }
        if (origin.equals("null")) {
            return false;
        }
        String host = request.getHeaderString("X-Forwarded-Host");
        if (host == null || host.isBlank()) {
            host = request.getHeaderString("Host");
        }
        try {
            String authority = URI.create(origin).getAuthority();
            return authority != null && host != null && authority.equalsIgnoreCase(host.split(",")[0].strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
