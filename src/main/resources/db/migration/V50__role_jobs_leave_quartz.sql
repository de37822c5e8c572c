-- The watch's poll and the two lease recoveries now run on every replica of their role (the in-memory
-- scheduler), no longer once across the cluster through Quartz: their Quartz rows would otherwise fire as
-- phantom jobs every second. Timers and the outbox retention stay Quartz jobs.
DELETE FROM qrtz_simple_triggers WHERE trigger_name IN ('watch-poll', 'build-lease-recovery', 'import-lease-recovery');
DELETE FROM qrtz_cron_triggers WHERE trigger_name IN ('watch-poll', 'build-lease-recovery', 'import-lease-recovery');
DELETE FROM qrtz_fired_triggers WHERE trigger_name IN ('watch-poll', 'build-lease-recovery', 'import-lease-recovery');
DELETE FROM qrtz_triggers WHERE trigger_name IN ('watch-poll', 'build-lease-recovery', 'import-lease-recovery');
DELETE FROM qrtz_job_details WHERE job_name IN ('watch-poll', 'build-lease-recovery', 'import-lease-recovery');
