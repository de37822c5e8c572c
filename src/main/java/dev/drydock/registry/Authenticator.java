package dev.drydock.registry;

import dev.drydock.logging.LogText;
import dev.drydock.net.AddressNotAllowedException;
import dev.drydock.registry.RegistryEndpoint.AuthScheme;
import dev.drydock.registry.RegistryEndpoint.Basic;
import dev.drydock.registry.RegistryEndpoint.Bearer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import dev.drydock.registry.http.Http1Client;
import dev.drydock.registry.http.Http1Response;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Authenticates requests the way the registry asked in its last challenge: nothing until the first
 * 401, then Basic with the configured credential, or a bearer token fetched from the challenge's realm
 * (with the credential as Basic auth when there is one, anonymously otherwise) and cached per
 * registry, user and scope. Once a registry's scheme is known, later requests carry the header from the
 * start, so a call with a cached token is one request.
 */
final class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class);
    static final String HEADER = "Authorization";
    /** Token answers are small JSON documents; larger ones are cut here (and then fail to parse). */
    private static final int MAX_TOKEN_ANSWER = 1024 * 1024;

    /** What was sent with a request, so that a 401 can invalidate exactly that token. */
    record Authorization(Optional<String> header, Optional<TokenCache.Key> tokenKey, Optional<String> token,
            Optional<String> username) {

        static final Authorization NONE = new Authorization(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());

        boolean isBasic() {
            return header.filter(h -> h.startsWith("Basic ")).isPresent();
        }

        RegistryRequest applyTo(RegistryRequest request) {
            RegistryRequest clean = request.withoutHeader(HEADER);
            return header.map(h -> clean.header(HEADER, h)).orElse(clean);
        }
    }

    private final Http1Client http;
    private final CredentialLookup credentials;
    private final TokenCache tokens;
    private final RealmTrust realms;
    private final Clock clock;
    private final String userAgent;

    Authenticator(Http1Client http, CredentialLookup credentials, TokenCache tokens, RealmTrust realms, Clock clock,
            String userAgent) {
        this.http = http;
        this.credentials = credentials;
        this.tokens = tokens;
        this.realms = realms;
        this.clock = clock;
        this.userAgent = userAgent;
    }

    /** The header to send with a request, fetching a token when the registry wants one and none is cached. */
    Authorization authorize(RegistryEndpoint ep, RegistryRequest request) {
        AuthScheme scheme = ep.auth.get();
        if (scheme instanceof Basic) {
            return credential(ep).map(c -> new Authorization(Optional.of(basic(c)), Optional.empty(), Optional.empty(),
                    Optional.of(c.username()))).orElse(Authorization.NONE);
        }
        if (scheme instanceof Bearer bearer) {
            Optional<RegistryCredential> credential = credential(ep);
            String username = credential.map(RegistryCredential::username).orElse(null);
            TokenCache.Key key = new TokenCache.Key(ep.registry, username, request.scopes());
            BearerToken token = tokens.get(key).orElseGet(() -> {
                BearerToken fresh = fetchToken(ep, bearer, request, credential);
                tokens.put(key, fresh);
                return fresh;
            });
            return new Authorization(Optional.of("Bearer " + token.value()), Optional.of(key), Optional.of(token.value()),
                    Optional.ofNullable(username));
        }
        return Authorization.NONE;
    }

    /**
     * Learns from a 401 of the registry itself (never of a redirect target: see {@link AuthenticatingExchange}):
     * remembers the scheme, forgets a rejected token. True when sending the request again with fresh
     * authentication may help; false when the same credentials were already refused.
     */
    boolean onChallenge(RegistryEndpoint ep, HttpHeaders headers, Authorization sent) {
        List<AuthChallenge> challenges = AuthChallenge.parseAll(headers.allValues("WWW-Authenticate"));
        Optional<AuthChallenge> bearer = challenges.stream().filter(AuthChallenge::isBearer)
                .filter(c -> c.param("realm").isPresent()).findFirst();
        if (bearer.isPresent()) {
            URI realm;
            try {
                realm = URI.create(bearer.get().param("realm").get());
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (!RealmTrust.usable(realm)) {
                return false;
            }
            ep.auth.set(new Bearer(realm, bearer.get().param("service").orElse(null)));
            if (sent.tokenKey().isPresent()) {
                tokens.invalidate(sent.tokenKey().get(), sent.token().orElse(""));
            }
            return true;
        }
        if (challenges.stream().anyMatch(AuthChallenge::isBasic)) {
            ep.auth.set(new Basic());
            return !sent.isBasic() && credential(ep).isPresent();
        }
        return false;
    }

    /** The error for a request that is still refused after {@link #onChallenge}. */
    RegistryUnauthorizedException refused(RegistryEndpoint ep, RegistryRequest request, int status, Authorization sent) {
        String who = sent.username().map(u -> "user '" + u + "'").orElse("anonymous access");
        String target = "registry " + ep.registry + (request.repository() == null ? "" : " (repository "
                + request.repository() + ")");
        String message;
        if (status == 403) {
            message = target + " forbids " + who + " to " + request.describe();
        } else if (sent.isBasic()) {
            message = target + " rejected the credentials of user '" + sent.username().orElse("") + "'";
        } else if (sent.username().isEmpty() && credential(ep).isEmpty()) {
            message = target + " requires authentication and no credentials are configured for " + ep.registry;
        } else {
            message = target + " denied " + who + " (" + String.join(" ", request.scopes()) + ")";
        }
        return new RegistryUnauthorizedException(ep.registry, request.repository(), sent.username().orElse(null),
                status, message);
    }

    private BearerToken fetchToken(RegistryEndpoint ep, Bearer bearer, RegistryRequest request,
            Optional<RegistryCredential> credential) {
        if (credential.isPresent() && !realms.mayReceiveCredentials(ep, bearer.realm())) {
            throw new RegistryUnauthorizedException(ep.registry, request.repository(), credential.get().username(),
                    401, "registry " + ep.registry + " names token realm " + bearer.realm().getScheme() + "://"
                            + RealmTrust.hostKey(bearer.realm()) + ", plain HTTP on another host: its credentials are "
                            + "not sent there (list " + RealmTrust.hostKey(bearer.realm())
                            + " in drydock.registry.insecure-hosts to trust it)");
        }
        StringBuilder url = new StringBuilder(bearer.realm().toString());
        char sep = bearer.realm().getRawQuery() == null ? '?' : '&';
        if (bearer.service() != null) {
            url.append(sep).append("service=").append(encode(bearer.service()));
            sep = '&';
        }
        for (String scope : request.scopes()) {
            url.append(sep).append("scope=").append(encode(scope));
            sep = '&';
        }
        if (credential.isPresent()) {
            url.append(sep).append("account=").append(encode(credential.get().username()));
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(
                Map.entry("User-Agent", userAgent), Map.entry("Accept", "application/json")));
        credential.ifPresent(c -> headers.add(Map.entry(HEADER, basic(c))));
        String username = credential.map(RegistryCredential::username).orElse(null);
        int status;
        HttpHeaders responseHeaders;
        byte[] body;
        ep.requests.incrementAndGet();
        try (Http1Response response = http.send("GET", URI.create(url.toString()), headers, null,
                ep.settings.timeout())) {
            status = response.status();
            responseHeaders = response.headers();
            body = response.body().readNBytes(MAX_TOKEN_ANSWER);
        } catch (AddressNotAllowedException e) {
            throw new RegistryException(ep.registry, request.repository(),
                    "token realm " + bearer.realm() + " of registry " + ep.registry + " was not asked: " + e.getMessage(),
                    e);
        } catch (IOException | IllegalArgumentException e) {
            throw new RegistryUnavailableException(ep.registry, request.repository(), 0, null,
                    "token realm " + bearer.realm() + " of registry " + ep.registry + " is unreachable: "
                            + e.getMessage(), e);
        }
        if (status == 401 || status == 403) {
            String message = credential.isPresent()
                    ? "registry " + ep.registry + " rejected the credentials of user '" + username
                            + "' (token realm " + bearer.realm() + " answered " + status + ")"
                    : "registry " + ep.registry + " refused an anonymous token for " + String.join(" ", request.scopes())
                            + " (token realm answered " + status + "); configure credentials for " + ep.registry;
            throw new RegistryUnauthorizedException(ep.registry, request.repository(), username, status, message);
        }
        if (status == 429) {
            throw new RegistryRateLimitedException(ep.registry, request.repository(),
                    RetryAfter.parse(responseHeaders.firstValue("Retry-After").orElse(null), clock.instant())
                            .orElse(null), null);
        }
        if (status != 200) {
            throw new RegistryUnavailableException(ep.registry, request.repository(), status, null,
                    "token realm " + bearer.realm() + " of registry " + ep.registry + " answered " + status, null);
        }
        try {
            BearerToken parsed = BearerToken.parse(body, clock.instant());
            LOG.debugf("new token for %s %s, valid until %s", LogText.escape(String.valueOf(ep.registry)),
                    LogText.escape(String.valueOf(request.scopes())), parsed.expiresAt());
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new RegistryException(ep.registry, request.repository(),
                    "token realm " + bearer.realm() + " of registry " + ep.registry + " sent an unusable answer: "
                            + e.getMessage(), e);
        }
    }

    private Optional<RegistryCredential> credential(RegistryEndpoint ep) {
        return credentials.forRegistry(ep.registry);
    }

    private static String basic(RegistryCredential c) {
        String pair = c.username() + ":" + c.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
