package dev.drydock.roles;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What one drydock replica does; a deployment scales each separately (docs/operations.md, "Roles"). */
public enum Role {
    /** The REST API, the dashboard and the webhooks. */
    API,
    /** Checks the tracked bases, and turns base changes into runs of the tasks that build on them. */
    WATCH,
    /** Builds runs and copies imports: the rebuild and import request consumers, and their lease recovery. */
    WORKER,
    /** The registry front: the Docker Registry API in front of Distribution, and its token service. */
    REGISTRY_FRONT;

    /** The name in {@code drydock.roles}: {@code api}, {@code watch}, {@code worker}, {@code registry-front}. */
    public String setting() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<Role> ofSetting(String value) {
        return Arrays.stream(values()).filter(role -> role.setting().equals(value)).findFirst();
    }
}
