package dev.drydock.roles;

import dev.drydock.problem.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * On a replica without the api role, the API, the dashboard and the webhooks answer 404 with a problem naming
 * the replica's roles. The token service stays where the registry front is: the front forwards to it.
 */
public class ApiRoleFilter {

    @Inject
    Roles roles;

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 1000)
    public Optional<Response> refuse(ContainerRequestContext request) {
        if (roles.has(Role.API)) {
            return Optional.empty();
        }
        String path = request.getUriInfo().getPath();
        if (roles.has(Role.REGISTRY_FRONT) && (path.equals("/service/token") || path.startsWith("/service/token/"))) {
            return Optional.empty();
        }
        return Optional.of(Response.status(404).type(Problem.MEDIA_TYPE).entity(Problem.of(404, "Not Found",
                "this replica does not serve the API (drydock.roles=" + roles.names() + "); use a replica with the "
                        + Role.API.setting() + " role", "drydock.roles")).build());
    }
}
