CREATE TABLE tenant (
    id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    name       VARCHAR(255) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Opaque bearer tokens, stored only as SHA-256 hashes; the secret is shown once when issued.
CREATE TABLE api_token (
    id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id  VARCHAR(64)  NOT NULL REFERENCES tenant (id),
    name       VARCHAR(255) NOT NULL,
    token_hash BYTEA        NOT NULL UNIQUE,
    scopes     VARCHAR(512) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    revoked_at TIMESTAMPTZ
);
CREATE INDEX api_token_tenant ON api_token (tenant_id);
