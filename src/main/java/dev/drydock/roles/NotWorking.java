package dev.drydock.roles;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Skips a worker job on a replica without the worker role, and while the application is not running. */
@Singleton
public class NotWorking implements Scheduled.SkipPredicate {

    @Inject
    Roles roles;

    @Inject
    Scheduled.ApplicationNotRunning notRunning;

    @Override
    public boolean test(ScheduledExecution execution) {
        return !roles.has(Role.WORKER) || notRunning.test(execution);
    }
}
