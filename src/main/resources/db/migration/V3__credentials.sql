-- Named registry credentials (dev.drydock.registry.credential). The password is never stored in
-- clear: password_encrypted is "v1:" + base64(12-byte IV || AES-256-GCM ciphertext || tag), keyed by
-- drydock.secrets.key and bound to the row's name as associated data.
CREATE TABLE registry_credential (
    name               VARCHAR(64)  PRIMARY KEY,
    registry           VARCHAR(255) NOT NULL,
    username           VARCHAR(255) NOT NULL,
    password_encrypted TEXT         NOT NULL,
    created            TIMESTAMPTZ  NOT NULL
);

CREATE INDEX registry_credential_registry_idx ON registry_credential (registry, created);
