package dev.drydock.access.rest;

import dev.drydock.access.TokenAdmin;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A password just generated: shown this once, stored only as a hash. */
public record NewPasswordView(
        @Schema(description = "The registry username: the token's name") String username,
        String name,
        @Schema(description = "The password; it cannot be read again") String value,
        Instant created,
        Instant expires) {

    static NewPasswordView of(String token, TokenAdmin.NewPassword p) {
        return new NewPasswordView(token, p.name(), p.value(), p.created(), p.expires());
    }

    @Override
    public String toString() {
        return "NewPasswordView[username=" + username + ", name=" + name + ", value=<redacted>]";
    }
}
