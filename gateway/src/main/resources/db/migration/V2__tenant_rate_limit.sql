-- Requests per minute a tenant may make (a token bucket in the gateway). Tenants that exist now get the
-- documented default; from here on the gateway sets the limit explicitly when it creates a tenant,
-- so the configured default (scim.rate-limits.default-per-minute) has one home.
ALTER TABLE tenant ADD COLUMN rate_limit_per_minute INTEGER NOT NULL DEFAULT 200
    CHECK (rate_limit_per_minute > 0);
ALTER TABLE tenant ALTER COLUMN rate_limit_per_minute DROP DEFAULT;
