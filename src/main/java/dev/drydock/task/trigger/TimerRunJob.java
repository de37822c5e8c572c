package dev.drydock.task.trigger;

import io.quarkus.arc.Arc;
import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Quartz job of a task timer: queues a Timer run for this firing (once, even if the firing is redelivered). */
@DisallowConcurrentExecution
public class TimerRunJob implements Job {

    @Override
    public void execute(JobExecutionContext context) {
        String task = context.getMergedJobDataMap().getString(TimerScheduler.TASK);
        String timer = context.getMergedJobDataMap().getString(TimerScheduler.TIMER);
        Instant scheduled = context.getScheduledFireTime() != null ? context.getScheduledFireTime().toInstant()
                : context.getFireTime().toInstant();
        Arc.container().instance(TriggerService.class).get().timer(task, timer, scheduled);
    }
}
