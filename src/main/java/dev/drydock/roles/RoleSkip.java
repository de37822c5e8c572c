package dev.drydock.roles;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Inject;

/** Skips a scheduled job on a replica without the job's role, and while the application is not running. */
abstract class RoleSkip implements Scheduled.SkipPredicate {

    @Inject
    Roles roles;

    @Inject
    Scheduled.ApplicationNotRunning notRunning;

    abstract Role role();

    @Override
    public boolean test(ScheduledExecution execution) {
        return !roles.has(role()) || notRunning.test(execution);
    }
}
