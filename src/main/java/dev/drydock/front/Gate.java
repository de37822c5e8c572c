package dev.drydock.front;

import dev.drydock.access.RegistryAccess;
import dev.drydock.access.RegistryCaller;
import dev.drydock.access.RegistryCaller.Kind;
import java.util.Optional;

/**
 * Decides each request: who calls ({@link RegistryAccess#identify}), whether they are over their throttle, and
 * whether they may do what the route needs. With the front's {@link RegistryAccess} it may block (the access checks
 * read the database), so it runs off the event loop; with {@link RegistryAccess#inMemory} it does not.
 */
final class Gate {

    private final RegistryAccess access;
    private final Throttle anonymous;
    private final Throttle tokens;

    Gate(RegistryAccess access, Throttle anonymous, Throttle tokens) {
        this.access = access;
        this.anonymous = anonymous;
        this.tokens = tokens;
    }

    Verdict decide(RegistryRoute route, String authorization, String clientAddress) {
        return decide(access, route, authorization, clientAddress);
    }

    Verdict decide(RegistryAccess access, RegistryRoute route, String authorization, String clientAddress) {
        boolean credentials = authorization != null && !authorization.isBlank();
        if (route.kind() == RegistryRoute.Kind.TOKEN) {
            // Token requests with credentials are the token service's to judge (and slow-hash); anonymous ones
            // count against the address, as anonymous pulls do.
            Kind kind = credentials ? Kind.TOKEN : Kind.ANONYMOUS;
            long wait = credentials ? 0 : anonymous.take(clientAddress);
            return wait > 0 ? new Verdict.Throttled(kind, wait) : new Verdict.Forward(new RegistryCaller(kind, ""));
        }
        Optional<RegistryCaller> identified = access.identify(authorization);
        if (identified.isEmpty()) {
            long wait = anonymous.take(clientAddress);
            if (wait > 0) {
                return new Verdict.Throttled(Kind.ANONYMOUS, wait);
            }
            return new Verdict.Refused(Kind.ANONYMOUS, FrontMeters.Outcome.UNAUTHENTICATED, 401, "UNAUTHORIZED",
                    "authentication required", access.challenge(route.scope()));
        }
        RegistryCaller caller = identified.get();
        long wait = switch (caller.kind()) {
            case ANONYMOUS -> anonymous.take(clientAddress);
            case TOKEN -> tokens.take(caller.name());
            case ADMIN, SERVICE -> 0;
        };
        if (wait > 0) {
            return new Verdict.Throttled(caller.kind(), wait);
        }
        return switch (route.kind()) {
            case UNKNOWN -> new Verdict.Refused(caller.kind(), FrontMeters.Outcome.REFUSED, 404, "UNSUPPORTED",
                    "not a registry API path", null);
            // As Distribution with token auth answers: a client without credentials is told where to get them.
            case BASE -> credentials ? new Verdict.Forward(caller)
                    : new Verdict.Refused(caller.kind(), FrontMeters.Outcome.UNAUTHENTICATED, 401, "UNAUTHORIZED",
                            "authentication required", access.challenge(null));
            case CATALOG -> caller.kind() == Kind.ANONYMOUS
                    ? refuse(access, caller, RegistryRoute.CATALOG_SCOPE)
                    : new Verdict.Forward(caller);
            case REPOSITORY -> repository(access, route, caller);
            case TOKEN -> throw new IllegalStateException("token routes are decided above");
        };
    }

    private static Verdict repository(RegistryAccess access, RegistryRoute route, RegistryCaller caller) {
        for (RegistryRoute.Need need : route.needs()) {
            if (!access.allows(caller, need.repository(), need.action())) {
                return refuse(access, caller, need.scope());
            }
        }
        return new Verdict.Forward(caller);
    }

    /** 401 with the challenge, as docker expects: it then asks the token service for the scope, or gives up. */
    private static Verdict refuse(RegistryAccess access, RegistryCaller caller, String scope) {
        if (caller.kind() == Kind.ANONYMOUS) {
            return new Verdict.Refused(caller.kind(), FrontMeters.Outcome.REFUSED, 401, "UNAUTHORIZED",
                    "authentication required", access.challenge(scope));
        }
        return new Verdict.Refused(caller.kind(), FrontMeters.Outcome.REFUSED, 401, "DENIED",
                "requested access to the resource is denied",
                access.challenge(scope) + ",error=\"insufficient_scope\"");
    }
}
