-- Build tasks (dev.drydock.task) and what they depend on / produce (dev.drydock.graph).
CREATE TABLE task (
    id               BIGSERIAL    PRIMARY KEY,
    name             VARCHAR(64)  NOT NULL UNIQUE,
    spec             TEXT         NOT NULL,
    git_url          VARCHAR(1024),
    commit_enabled   BOOLEAN      NOT NULL DEFAULT FALSE,
    commit_branch    VARCHAR(255),
    commit_secret    TEXT,
    base_enabled     BOOLEAN      NOT NULL DEFAULT TRUE,
    base_scope       VARCHAR(16)  NOT NULL DEFAULT 'runtime',
    analyzed_commit  VARCHAR(64),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX task_git_url_idx ON task (git_url) WHERE commit_enabled;

CREATE TABLE task_dependency (
    task_id   BIGINT       NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    reference VARCHAR(512) NOT NULL,
    stage     INT          NOT NULL,
    runtime   BOOLEAN      NOT NULL,
    pinned    BOOLEAN      NOT NULL,
    platform  VARCHAR(64),
    PRIMARY KEY (task_id, reference, stage)
);
CREATE INDEX task_dependency_reference_idx ON task_dependency (reference);

-- Output images with a literal tag: these are bases other tasks may build FROM (the cascade).
CREATE TABLE task_output (
    task_id   BIGINT       NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    reference VARCHAR(512) NOT NULL,
    PRIMARY KEY (task_id, reference)
);
CREATE INDEX task_output_reference_idx ON task_output (reference);

-- Runs: one execution of a task.
CREATE TABLE run (
    id              BIGSERIAL    PRIMARY KEY,
    task_id         BIGINT       NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    task_name       VARCHAR(64)  NOT NULL,
    trigger         VARCHAR(16)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    cause           TEXT         NOT NULL DEFAULT '[]',
    pinned          TEXT         NOT NULL DEFAULT '{}',
    git_ref         VARCHAR(255),
    git_commit      VARCHAR(64),
    args            TEXT         NOT NULL DEFAULT '{}',
    outputs         TEXT         NOT NULL DEFAULT '[]',
    output_digest   VARCHAR(160),
    unchanged       BOOLEAN      NOT NULL DEFAULT FALSE,
    error           TEXT,
    attempt         INT          NOT NULL DEFAULT 0,
    lease_owner     VARCHAR(128),
    lease_until     TIMESTAMPTZ,
    cancel_requested BOOLEAN     NOT NULL DEFAULT FALSE,
    -- What created the run, once: a timer firing, a git delivery for this task. Redeliveries find it taken.
    dedupe_key      VARCHAR(255) UNIQUE,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX run_task_status_idx ON run (task_id, status);
CREATE INDEX run_status_idx ON run (status, id);
CREATE INDEX run_created_idx ON run (id DESC);

CREATE TABLE run_log (
    run_id BIGINT      NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    seq    BIGSERIAL   NOT NULL,
    at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    line   TEXT        NOT NULL,
    PRIMARY KEY (run_id, seq)
);
