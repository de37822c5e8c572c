package dev.drydock.task.trigger;

import dev.drydock.task.CronSchedules;
import dev.drydock.task.TaskSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * A Quartz cron trigger per enabled task timer, in the clustered JDBC store: it fires on one replica only, and
 * (with the CMT store) is written in the same transaction as the task.
 */
@ApplicationScoped
public class TimerScheduler {

    static final String TASK = "task";
    static final String TIMER = "timer";

    @Inject
    Scheduler quartz;

    public void schedule(String task, List<TaskSpec.Timer> timers) {
        try {
            unschedule(task);
            for (TaskSpec.Timer timer : timers) {
                if (!Boolean.TRUE.equals(timer.enabled())) {
                    continue;
                }
                JobDetail job = JobBuilder.newJob(TimerRunJob.class)
                        .withIdentity(timer.name(), group(task))
                        .usingJobData(TASK, task).usingJobData(TIMER, timer.name())
                        .build();
                Trigger trigger = TriggerBuilder.newTrigger()
                        .withIdentity(timer.name(), group(task))
                        .withSchedule(CronScheduleBuilder.cronSchedule(CronSchedules.toQuartz(timer.schedule()))
                                .inTimeZone(TimeZone.getTimeZone("UTC"))
                                .withMisfireHandlingInstructionFireAndProceed())
                        .build();
                quartz.scheduleJob(job, Set.of(trigger), true);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule the timers of task " + task, e);
        }
    }

    public void unschedule(String task) {
        try {
            Set<JobKey> jobs = quartz.getJobKeys(GroupMatcher.jobGroupEquals(group(task)));
            quartz.deleteJobs(List.copyOf(jobs));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot remove the timers of task " + task, e);
        }
    }

    /** Names of the timers scheduled for a task (for checks and the dashboard). */
    public Set<String> scheduled(String task) {
        try {
            return quartz.getJobKeys(GroupMatcher.jobGroupEquals(group(task))).stream().map(JobKey::getName)
                    .collect(Collectors.toSet());
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fires a task's timer job now (the API and tests use it to exercise the same path as the schedule). */
    public void fireNow(String task, String timer) {
        try {
            quartz.triggerJob(new JobKey(timer, group(task)));
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String group(String task) {
        return "timer:" + task;
    }
}
