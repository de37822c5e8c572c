-- When a base's check status last changed (e.g. since when it is unreachable): freshness reports it.
ALTER TABLE base ADD COLUMN status_since TIMESTAMPTZ;
UPDATE base SET status_since = COALESCE(last_checked_at, created_at);
