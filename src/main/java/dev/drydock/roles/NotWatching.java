package dev.drydock.roles;

import jakarta.inject.Singleton;

/** Skips a watch job on a replica without the watch role. */
@Singleton
public class NotWatching extends RoleSkip {

    @Override
    Role role() {
        return Role.WATCH;
    }
}
