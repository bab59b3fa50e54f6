-- Credential events (tenants created, tokens issued and revoked, failed-authentication bursts), written in
-- the transaction of the change itself, then relayed to the event store by CredentialEventRelay; delivered_at
-- marks what the command-service has stored, so nothing is lost when it is down.
CREATE TABLE credential_event (
    id           BIGSERIAL     PRIMARY KEY,
    event_id     VARCHAR(64)   NOT NULL UNIQUE,
    tenant_id    VARCHAR(255)  NOT NULL,
    event_type   VARCHAR(64)   NOT NULL,
    payload      TEXT          NOT NULL,
    actor_id     VARCHAR(255)  NOT NULL,
    actor_name   VARCHAR(255),
    source_ip    VARCHAR(255),
    user_agent   VARCHAR(1024),
    request_id   VARCHAR(255),
    occurred_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    delivered_at TIMESTAMPTZ
);
CREATE INDEX credential_event_undelivered ON credential_event (id) WHERE delivered_at IS NULL;
