package dev.drydock.access.rest;

import dev.drydock.access.AnonymousPull;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The registry's settings ({@code az acr show --query anonymousPullEnabled}). */
public record RegistrySettingView(
        @Schema(description = "Whether anyone may pull without credentials (manifests, blobs, tag lists; nothing else)")
        boolean anonymousPullEnabled,
        @Schema(description = "When anonymous pull was last turned on or off") Instant changed,
        @Schema(description = "What an administrator should know, e.g. that anonymous pull makes tokens' read limits moot")
        List<String> warnings,
        @Schema(description = "The token service's realm, as registry clients are sent to it") String tokenRealm,
        @Schema(description = "The service name tokens are issued for (the registry's auth.token.service)") String tokenService) {

    static RegistrySettingView of(AnonymousPull.Setting s, String realm, String service) {
        return new RegistrySettingView(s.anonymousPullEnabled(), s.changed(), s.warnings(), realm, service);
    }
}
