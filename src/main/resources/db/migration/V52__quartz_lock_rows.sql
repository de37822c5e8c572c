-- Quartz inserts its lock rows on first use when they are missing; replicas that start together on a fresh database
-- then race to insert the same row, and the losers fail to start ("duplicate key value violates unique constraint
-- qrtz_locks_pkey"). The rows exist from the schema's creation on instead.
INSERT INTO qrtz_locks (sched_name, lock_name)
VALUES ('QuarkusQuartzScheduler', 'TRIGGER_ACCESS'), ('QuarkusQuartzScheduler', 'STATE_ACCESS')
ON CONFLICT DO NOTHING;
