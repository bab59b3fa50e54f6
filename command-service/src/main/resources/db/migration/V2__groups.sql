-- Unique group displayName per tenant, case-insensitive; written in the same transaction as the events.
CREATE TABLE group_name_claim (
    tenant_id VARCHAR(255)  NOT NULL,
    name_key  VARCHAR(2048) NOT NULL,
    group_id  VARCHAR(255)  NOT NULL,
    PRIMARY KEY (tenant_id, name_key)
);
CREATE INDEX group_name_claim_group ON group_name_claim (group_id);

-- Who is in which group now, kept in the transaction that appends the membership events. The Group
-- aggregate decides with it which members a request really adds or removes, without holding (or
-- snapshotting) 100,000 member ids; it can be rebuilt from the GroupMembers* events.
CREATE TABLE group_member (
    tenant_id   VARCHAR(255) NOT NULL,
    group_id    VARCHAR(255) NOT NULL,
    member_id   VARCHAR(255) NOT NULL,
    member_type VARCHAR(16)  NOT NULL,
    PRIMARY KEY (group_id, member_id)
);
CREATE INDEX group_member_member ON group_member (tenant_id, member_id);
