package dev.drydock.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.problem.Problem;
import dev.drydock.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /service/token}: the token endpoint registry clients are sent to by the challenge. GET as the token spec
 * has it (Basic credentials or none, {@code scope}, {@code offline_token}); POST as docker sends it once it holds a
 * refresh token ({@code grant_type=refresh_token}) or for OAuth2 passwords ({@code grant_type=password}). Registry
 * clients call it, so it is not an API operation and takes no API token.
 */
@Path("/service/token")
@Produces(MediaType.APPLICATION_JSON)
public class TokenEndpoint {

    @Inject
    TokenService tokens;

    @Inject
    AccessConfig config;

    @Inject
    ObjectMapper json;

    @GET
    @Operation(hidden = true)
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("service") String service, @QueryParam("scope") List<String> scope,
            @QueryParam("offline_token") String offlineToken) {
        checkService(service);
        String[] basic = basic(authorization);
        Optional<Credentials.Proven> proven = tokens.authenticate(basic[0], basic[1]);
        return answer(proven, scope, "true".equalsIgnoreCase(offlineToken), false);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response post(@FormParam("grant_type") String grantType, @FormParam("username") String username,
            @FormParam("password") String password, @FormParam("refresh_token") String refreshToken,
            @FormParam("service") String service, @FormParam("scope") List<String> scope,
            @FormParam("access_type") String accessType) {
        checkService(service);
        if ("refresh_token".equals(grantType)) {
            if (refreshToken == null || refreshToken.isBlank()) {
                throw ProblemException.badRequest("refresh_token", "grant_type=refresh_token needs refresh_token");
            }
            return answer(tokens.refresh(refreshToken), scope, false, true);
        }
        if ("password".equals(grantType)) {
            if (username == null || password == null) {
                throw ProblemException.badRequest(username == null ? "username" : "password",
                        "grant_type=password needs username and password");
            }
            return answer(tokens.authenticate(username, password), scope, "offline".equals(accessType), true);
        }
        throw ProblemException.badRequest("grant_type", "grant_type must be password or refresh_token");
    }

    private Response answer(Optional<Credentials.Proven> proven, List<String> scope, boolean offline, boolean oauth) {
        if (!tokens.available()) {
            return Response.status(503).type(Problem.MEDIA_TYPE).entity(Problem.of(503, "Service Unavailable",
                    "the token service has no signing key (drydock.access.signing-key and certificate)", null)).build();
        }
        if (proven.isEmpty()) {
            return refuse("incorrect username or password, or the token is disabled or its password expired");
        }
        if (proven.get().caller().kind() == RegistryCaller.Kind.ANONYMOUS && !tokens.anonymousAllowed()) {
            return refuse("authentication required: anonymous pull is disabled (docker login first)");
        }
        TokenService.Issued issued = tokens.issue(proven.get(), Scope.parseAll(scope == null ? List.of() : scope), offline);
        ObjectNode body = json.createObjectNode();
        if (!oauth) {
            body.put("token", issued.token());
        }
        body.put("access_token", issued.token()).put("expires_in", issued.expiresIn())
                .put("issued_at", issued.issuedAt().toString());
        issued.refreshToken().ifPresent(r -> body.put("refresh_token", r));
        return Response.ok(body).build();
    }

    private void checkService(String service) {
        if (service != null && !service.isEmpty() && !service.equals(config.service())) {
            throw ProblemException.badRequest("service", "this token service issues tokens for service '"
                    + config.service() + "', not '" + service + "'");
        }
    }

    /** Username and password of a Basic header; both null without one. */
    private static String[] basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new String[] {null, null};
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? new String[] {pair, ""} : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Authorization", "the Basic credentials are not base64");
        }
    }

    /** 401 in the registry's error format, which docker shows as {@code unauthorized: <message>}. */
    private Response refuse(String message) {
        ObjectNode body = json.createObjectNode();
        body.putArray("errors").addObject().put("code", "UNAUTHORIZED").put("message", message);
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + config.service() + "\"").entity(body).build();
    }
}
