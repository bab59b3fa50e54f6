-- Axon's JDBC event store tables in the PostgreSQL form (bytea payloads, bigserial global index).
CREATE TABLE domain_event_entry (
    global_index         BIGSERIAL    NOT NULL PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    -- The appending transaction's id. Publication reads in (tx_id, global_index) order and only up to
    -- the oldest running transaction, so an event that commits late is never skipped.
    tx_id                XID8         NOT NULL DEFAULT pg_current_xact_id(),
    UNIQUE (aggregate_identifier, sequence_number)
);
CREATE INDEX domain_event_entry_publication ON domain_event_entry (tx_id, global_index);

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregate_identifier, sequence_number)
);

-- Unique userName per tenant, case-insensitive; written in the same transaction as the events.
CREATE TABLE user_name_claim (
    tenant_id     VARCHAR(255)  NOT NULL,
    user_name_key VARCHAR(2048) NOT NULL,
    user_id       VARCHAR(255)  NOT NULL,
    PRIMARY KEY (tenant_id, user_name_key)
);
CREATE INDEX user_name_claim_user ON user_name_claim (user_id);

-- Where the Kafka publisher stopped; advanced only after Kafka acknowledged everything before it.
CREATE TABLE publication_position (
    publisher    VARCHAR(64) NOT NULL PRIMARY KEY,
    tx_id        XID8        NOT NULL,
    global_index BIGINT      NOT NULL
);
