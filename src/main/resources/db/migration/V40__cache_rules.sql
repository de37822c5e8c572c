-- Issue 18: cache rules (an upstream repository, or a namespace of them, cached in a private repository) and the
-- tags the cache holds. A rule's counters and last upstream check are shown on its GET. Cached tags outlive their
-- rule (rule set to NULL): the repositories they fill stay the cache's, not a user's.
CREATE TABLE cache_rule (
    name            VARCHAR(64)  PRIMARY KEY,
    source          VARCHAR(300) NOT NULL UNIQUE,
    target          VARCHAR(300) NOT NULL UNIQUE,
    credential_set  VARCHAR(64),
    refresh_seconds BIGINT       NOT NULL,
    sync_tags       JSONB,
    hits            BIGINT       NOT NULL DEFAULT 0,
    misses          BIGINT       NOT NULL DEFAULT 0,
    last_check      TIMESTAMPTZ,
    last_error      TEXT,
    last_error_at   TIMESTAMPTZ,
    created         TIMESTAMPTZ  NOT NULL,
    updated         TIMESTAMPTZ  NOT NULL
);

CREATE TABLE cache_tag (
    repository  VARCHAR(300) NOT NULL,
    tag         VARCHAR(128) NOT NULL,
    rule        VARCHAR(64)  REFERENCES cache_rule (name) ON DELETE SET NULL,
    digest      VARCHAR(200) NOT NULL,
    checked_at  TIMESTAMPTZ  NOT NULL,
    imported_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (repository, tag)
);
CREATE INDEX cache_tag_rule ON cache_tag (rule);
