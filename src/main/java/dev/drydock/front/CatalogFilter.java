package dev.drydock.front;

import dev.drydock.access.RegistryAccess;
import dev.drydock.access.RegistryCaller;
import dev.drydock.access.RepositoryAction;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Keeps of a backend catalog page only the repositories the caller may read metadata of. The page's {@code Link}
 * stays the backend's, so paging goes on where the backend's page ended: a filtered page may hold fewer than
 * {@code n} names (even none) and still have a next one.
 */
final class CatalogFilter {

    private final RegistryAccess access;

    CatalogFilter(RegistryAccess access) {
        this.access = access;
    }

    /** The filtered body, or empty when the backend's body is not a catalog (it is then passed on as it is). */
    Optional<Buffer> filter(Buffer body, RegistryCaller caller) {
        JsonObject page;
        try {
            page = body.toJsonObject();
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        }
        if (!(page.getValue("repositories") instanceof JsonArray names)) {
            return Optional.empty();
        }
        JsonArray visible = new JsonArray();
        for (Object name : names) {
            if (name instanceof String repository
                    && access.allows(caller, repository, RepositoryAction.METADATA_READ)) {
                visible.add(repository);
            }
        }
        return Optional.of(new JsonObject().put("repositories", visible).toBuffer());
    }
}
