-- The worker that took a run last (its replica's name and an instance id): kept after the run ends, where the lease
-- owner is cleared, so a run shows which replica built it.
ALTER TABLE run ADD COLUMN worker text;
