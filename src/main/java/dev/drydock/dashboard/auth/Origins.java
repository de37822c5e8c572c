package dev.drydock.dashboard.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;

/**
 * Form posts must come from the dashboard's own pages. Browsers send {@code Origin} with every POST; one naming
 * another host than the request's own is refused (on top of the SameSite=Strict cookie). The request's host is
 * what the connection says; {@code X-Forwarded-*} headers change it only when the operator turned on Quarkus's
 * proxy support ({@code quarkus.http.proxy.proxy-address-forwarding}, {@code enable-forwarded-host},
 * {@code trusted-proxies}): otherwise anyone could claim any host.
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
        String self = request.getUriInfo().getRequestUri().getAuthority();
        try {
            String authority = URI.create(origin).getAuthority();
            return authority != null && self != null && authority.equalsIgnoreCase(self);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
