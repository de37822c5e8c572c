-- Tracked base images (dev.drydock.watch). One row per normalised reference and platform
-- ('' = the tag as a whole: its index digest when it is multi-platform).
CREATE TABLE base (
    id                 BIGSERIAL    PRIMARY KEY,
    reference          VARCHAR(512) NOT NULL,
    registry           VARCHAR(255) NOT NULL,
    platform           VARCHAR(64)  NOT NULL DEFAULT '',
    digest             VARCHAR(160),
    platform_digest    VARCHAR(160),
    media_type         VARCHAR(128),
    status             VARCHAR(16)  NOT NULL DEFAULT 'pending',
    last_error         TEXT,
    interval_seconds   INT          NOT NULL,
    credentials        VARCHAR(64),
    tracked_explicitly BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_checked_at    TIMESTAMPTZ,
    last_changed_at    TIMESTAMPTZ,
    next_check_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT base_reference_platform_unique UNIQUE (reference, platform)
);
CREATE INDEX base_next_check_idx ON base (next_check_at);
CREATE INDEX base_status_idx ON base (status, id);
