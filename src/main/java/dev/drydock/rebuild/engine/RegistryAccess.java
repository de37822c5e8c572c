package dev.drydock.rebuild.engine;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.RegistryImage;
import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.registry.CredentialLookup;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryCredential;
import dev.drydock.registry.RegistryProfile;
import dev.drydock.registry.http.Http1Client;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one build reaches its registries: credentials from the request's lookup (asked once per registry),
 * plain HTTP only for the registries the request names, for both Jib and drydock's own client.
 */
final class RegistryAccess {

    /** Jib's switch for sending credentials over plain HTTP; process-wide, read on every request. */
    static final String SEND_CREDENTIALS_OVER_HTTP = "sendCredentialsOverHttp";

    private final Map<String, Optional<RegistryCredential>> credentials = new HashMap<>();
    private final Set<String> plainHttp;

    RegistryAccess(BuildRequest request) {
        this(request.registries(), request.credentials(), request.plainHttpRegistries());
    }

    RegistryAccess(Set<String> registries, CredentialLookup lookup, Set<String> plainHttp) {
        this.plainHttp = Set.copyOf(plainHttp);
        for (String registry : registries) {
            credentials.put(registry, lookup(lookup, registry));
        }
    }

    private static Optional<RegistryCredential> lookup(CredentialLookup lookup, String registry) {
        Optional<RegistryCredential> found = lookup.forRegistry(registry);
        return found == null ? Optional.empty() : found;
    }

    /** Who reads {@code registry} in this build, for cache keys: the user and a digest of the password, or "anonymous". */
    String readerOf(String registry) {
        return credentials.getOrDefault(registry, Optional.empty())
                .map(c -> c.username() + ":" + Digest.sha256Of(c.password().getBytes(StandardCharsets.UTF_8)))
                .orElse("anonymous");
    }

    /**
     * drydock's registry client for this build's registries, with the configured settings, retries and circuit
     * breaker (the HTTP client is shared across builds).
     */
    RegistryClient client(Http1Client http, RegistryProfile profile) {
        return RegistryClient.builder()
                .httpClient(http)
                .profile(profile.withPlainHttp(plainHttp))
                .credentials(registry -> credentials.getOrDefault(registry, Optional.empty()))
                .build();
    }

    /** {@code ref} for Jib, pulled by digest when it has one (the tag is then only a name), with its credential. */
    RegistryImage jibImage(ImageReference ref) {
        var jibRef = com.google.cloud.tools.jib.api.ImageReference.of(ref.registry(), ref.repository(),
                ref.digest().isPresent() ? null : ref.tag().orElse(null),
                ref.digest().map(Object::toString).orElse(null));
        Optional<RegistryCredential> credential = credentials.getOrDefault(ref.registry(), Optional.empty());
        return RegistryImage.named(jibRef).addCredentialRetriever(
                () -> credential.map(c -> Credential.from(c.username(), c.password())));
    }

    /** Jib's insecure switch covers every registry of a build, so it is on only when one of them needs it. */
    boolean anyPlainHttp() {
        return credentials.keySet().stream().anyMatch(plainHttp::contains);
    }

    /** True when a plain-HTTP registry of this build has a credential, which Jib then must send over HTTP. */
    boolean credentialsOverPlainHttp() {
        return credentials.entrySet().stream()
                .anyMatch(e -> plainHttp.contains(e.getKey()) && e.getValue().isPresent());
    }

    /** The passwords of this build, to keep out of every message. */
    Set<String> secrets() {
        Set<String> secrets = new LinkedHashSet<>();
        credentials.values().forEach(c -> c.ifPresent(credential -> secrets.add(credential.password())));
        return secrets;
    }
}
