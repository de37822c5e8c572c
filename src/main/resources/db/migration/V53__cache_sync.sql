-- Issue 18: a rule with syncTags lists its upstream tags at most once per refresh; next_sync_at is when it is due
-- (NULL: at once), claimed by one watch replica with a conditional UPDATE.
ALTER TABLE cache_rule ADD COLUMN next_sync_at TIMESTAMPTZ;
