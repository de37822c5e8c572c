package dev.drydock.roles;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says on {@code /q/health/ready} which roles this replica plays and what each needs; the other readiness checks
 * (database, Kafka, the private registry) are what it waits for.
 */
@Readiness
@ApplicationScoped
public class RolesHealthCheck implements HealthCheck {

    @Inject
    Roles roles;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("roles").up().withData("roles", roles.names());
        for (Role role : Role.values()) {
            if (roles.has(role)) {
                response.withData(role.setting(), needs(role));
            }
        }
        return response.build();
    }

    static String needs(Role role) {
        return switch (role) {
            case API -> "PostgreSQL, Kafka (the outbox relay publishes what the API writes)";
            case WATCH -> "PostgreSQL, Kafka, the registries it watches";
            case WORKER -> "PostgreSQL, Kafka, the private registry, git remotes, buildah";
            case REGISTRY_FRONT -> "PostgreSQL (the access snapshot), Distribution behind it";
        };
    }
}
