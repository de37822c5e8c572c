-- Transactional outbox: every state change writes its event here in the same transaction;
-- the relay publishes rows to Kafka in seq order and marks them published.
CREATE TABLE outbox_event (
    seq          BIGSERIAL PRIMARY KEY,
    id           UUID        NOT NULL UNIQUE,
    channel      TEXT        NOT NULL,
    event_key    TEXT        NOT NULL,
    type         TEXT        NOT NULL,
    subject      TEXT,
    data         TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ,
    attempts     INT         NOT NULL DEFAULT 0,
    last_error   TEXT
);
CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;

-- Consumers record each event id they have applied, in the transaction of its effect (idempotence).
CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
