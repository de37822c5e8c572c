package dev.drydock.roles;

import jakarta.inject.Singleton;

/** Skips a worker job on a replica without the worker role. */
@Singleton
public class NotWorking extends RoleSkip {

    @Override
    Role role() {
        return Role.WORKER;
    }
}
