-- Dashboard sessions (dev.drydock.dashboard.auth). The browser's cookie holds a random session id; only its
-- SHA-256 is stored, with the role and the SHA-256 of the API token it was opened with: rotating that token,
-- signing out or the expiry ends the session.
CREATE TABLE dashboard_session (
    id_sha256    CHAR(64)    PRIMARY KEY,
    role         VARCHAR(16) NOT NULL,
    token_sha256 CHAR(64)    NOT NULL,
    created      TIMESTAMPTZ NOT NULL,
    expires      TIMESTAMPTZ NOT NULL
);

CREATE INDEX dashboard_session_expires_idx ON dashboard_session (expires);
