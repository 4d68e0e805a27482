-- The deprovisioning hold counts a tenant's active users (DeprovisioningRows.activeUsersUpTo) under
-- the tenant's row lock, up to twenty times the hour's deprovisionings. Without an index holding
-- ACTIVE that count read the users' rows: at a million users, 1.9 s warm and 10 s cold for 300,000
-- of them on H2, long enough for the tenant's next deactivation to wait past the lock timeout and
-- get a 503 (docs/benchmark.md#hold-count-at-a-million-2026-12-07). With this index H2 counts
-- from the index alone, 72-76 ms warm. H2 rewrites a secondary index entry only when its columns
-- change, so a PATCH that leaves ACTIVE alone does not touch it.
CREATE INDEX SCIM_USERS_ACTIVE ON SCIM_USERS (TENANT_ID, ACTIVE);
