-- Issue 13 (newest digest always wins). Runs are written by triggers (coalescing), workers (claims, leases) and
-- the API (cancel): an optimistic version makes a write from a stale copy fail instead of silently undoing another
-- process's change.
ALTER TABLE run ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
