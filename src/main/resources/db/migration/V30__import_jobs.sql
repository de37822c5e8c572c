-- Issue 17: import jobs (the az acr import counterpart). A job is written with its request event in one
-- transaction (outbox); workers claim it under a lease like runs, so a killed worker's job is taken over after the
-- lease lapses. The password of a job that brings its own credentials is stored only encrypted (SecretCipher,
-- bound to "import-<id>").
CREATE TABLE import_job (
    id                 BIGSERIAL PRIMARY KEY,
    status             VARCHAR(16)  NOT NULL,
    source             VARCHAR(600) NOT NULL,
    targets            JSONB        NOT NULL,
    untagged_targets   JSONB        NOT NULL,
    platforms          JSONB,
    force              BOOLEAN      NOT NULL DEFAULT FALSE,
    credential_set     VARCHAR(64),
    username           VARCHAR(255),
    password_encrypted TEXT,
    source_digest      VARCHAR(200),
    source_media_type  VARCHAR(200),
    target_digest      VARCHAR(200),
    progress           JSONB,
    rate_limit         JSONB,
    error              TEXT,
    cancel_requested   BOOLEAN      NOT NULL DEFAULT FALSE,
    lease_owner        VARCHAR(128),
    lease_until        TIMESTAMPTZ,
    attempt            INT          NOT NULL DEFAULT 0,
    created_at         TIMESTAMPTZ  NOT NULL,
    started_at         TIMESTAMPTZ,
    finished_at        TIMESTAMPTZ,
    updated_at         TIMESTAMPTZ  NOT NULL
);

CREATE INDEX import_job_created ON import_job (created_at DESC, id DESC);
CREATE INDEX import_job_active ON import_job (status, lease_until) WHERE status IN ('Queued', 'Running');
