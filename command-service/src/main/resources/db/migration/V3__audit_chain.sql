-- The tamper-evident audit chain, in a schema of its own: the events live in scim_events, and what vouches
-- for them is kept apart, so that access to one table set is not access to the other.
CREATE SCHEMA IF NOT EXISTS scim_audit;

-- One link per event and tenant, in publication order (tx_id, global_index): hash = SHA-256(previous
-- hash of the tenant || canonical bytes of the event); see audit/CanonicalEvent.java for the encoding.
CREATE TABLE scim_audit.chain_link (
    tenant_id        VARCHAR(255) NOT NULL,
    position         BIGINT       NOT NULL,
    tx_id            XID8         NOT NULL,
    global_index     BIGINT       NOT NULL,
    event_identifier VARCHAR(255) NOT NULL,
    hash             BYTEA        NOT NULL,
    PRIMARY KEY (tenant_id, position)
);
-- The chainer resumes after the last chained event; the verifier reads links in publication order.
CREATE UNIQUE INDEX chain_link_order ON scim_audit.chain_link (tx_id, global_index);
CREATE INDEX chain_link_event ON scim_audit.chain_link (event_identifier);

-- Ed25519 signatures over (tenant, position, link hash, time), also published to Kafka, so that a chain
-- rewritten together with its links still disagrees with what was signed and sent away.
CREATE TABLE scim_audit.checkpoint (
    tenant_id VARCHAR(255) NOT NULL,
    position  BIGINT       NOT NULL,
    hash      BYTEA        NOT NULL,
    signed_at TIMESTAMPTZ  NOT NULL,
    key_id    VARCHAR(64)  NOT NULL,
    signature BYTEA        NOT NULL,
    published BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (tenant_id, position)
);
CREATE INDEX checkpoint_unpublished ON scim_audit.checkpoint (signed_at) WHERE NOT published;

-- The public keys that signed checkpoints (X.509 DER), for auditors who verify them elsewhere.
CREATE TABLE scim_audit.signing_key (
    key_id     VARCHAR(64) NOT NULL PRIMARY KEY,
    public_key BYTEA       NOT NULL,
    first_used TIMESTAMPTZ NOT NULL DEFAULT now()
);
