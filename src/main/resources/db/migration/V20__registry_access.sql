-- Who may use the private registry (dev.drydock.access): the anonymous-pull setting, scope maps, repository-scoped
-- tokens and their two passwords. A password is stored only as a PBKDF2 hash with its own salt.
CREATE TABLE registry_setting (
    id                     SMALLINT    PRIMARY KEY CHECK (id = 1),
    anonymous_pull_enabled BOOLEAN     NOT NULL,
    changed                TIMESTAMPTZ NOT NULL
);
INSERT INTO registry_setting (id, anonymous_pull_enabled, changed) VALUES (1, FALSE, now());

-- repositories: [{"repository": "team-a/*", "actions": ["content/read", ...]}, ...]
CREATE TABLE scope_map (
    name         VARCHAR(64)  PRIMARY KEY,
    description  VARCHAR(512),
    repositories JSONB        NOT NULL,
    created      TIMESTAMPTZ  NOT NULL
);

CREATE TABLE registry_token (
    name      VARCHAR(64) PRIMARY KEY,
    scope_map VARCHAR(64) NOT NULL REFERENCES scope_map (name) ON DELETE RESTRICT,
    enabled   BOOLEAN     NOT NULL,
    created   TIMESTAMPTZ NOT NULL
);
CREATE INDEX registry_token_scope_map_idx ON registry_token (scope_map);

-- hash: "pbkdf2-sha256$<iterations>$<base64 salt>$<base64 key>"
CREATE TABLE registry_token_password (
    token   VARCHAR(64) NOT NULL REFERENCES registry_token (name) ON DELETE CASCADE,
    name    VARCHAR(16) NOT NULL CHECK (name IN ('password1', 'password2')),
    hash    TEXT        NOT NULL,
    created TIMESTAMPTZ NOT NULL,
    expires TIMESTAMPTZ,
    PRIMARY KEY (token, name)
);
