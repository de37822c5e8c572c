package dev.drydock.front;

import dev.drydock.access.RegistryAccess;
import dev.drydock.access.RegistryCaller;
import dev.drydock.access.RepositoryAction;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Optional;

/**
 * Stands in for the token service until the access package implements {@link RegistryAccess}; delete it then.
 * No header is anonymous (allowed to read while {@link #anonymousPull} is on, and to push and delete while
 * {@link #anonymousWrite} is: the test stack's registry has no token auth to send tokens to); {@code Bearer team-a} is a token
 * that may only touch {@code team-a/*}; {@code Bearer invalid} is not recognised; any other header is a token
 * allowed everything.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FakeRegistryAccess implements RegistryAccess {

    public static volatile boolean anonymousPull = true;
    public static volatile boolean anonymousWrite = true;

    /** Back to the defaults (a test that changes a flag calls this after itself). */
    public static void reset() {
        anonymousPull = true;
        anonymousWrite = true;
    }

    @Override
    public Optional<RegistryCaller> identify(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.of(RegistryCaller.ANONYMOUS);
        }
        if (authorization.equals("Bearer invalid")) {
            return Optional.empty();
        }
        String name = authorization.equals("Bearer team-a") ? "team-a" : "everything";
        return Optional.of(new RegistryCaller(RegistryCaller.Kind.TOKEN, name));
    }

    @Override
    public boolean allows(RegistryCaller caller, String repository, RepositoryAction action) {
        return switch (caller.kind()) {
            case ANONYMOUS -> action == RepositoryAction.CONTENT_READ || action == RepositoryAction.METADATA_READ
                    ? anonymousPull : anonymousWrite;
            case TOKEN -> !caller.name().equals("team-a") || repository.startsWith("team-a/");
            case ADMIN, SERVICE -> true;
        };
    }

    @Override
    public String challenge(String scope) {
        return "Bearer realm=\"http://127.0.0.1/service/token\",service=\"drydock\""
                + (scope == null ? "" : ",scope=\"" + scope + "\"");
    }
}
