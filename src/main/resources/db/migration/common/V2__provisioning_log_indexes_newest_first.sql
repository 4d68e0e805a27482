-- The provisioning log is read newest first, by key (time, id). A database created before its
-- indexes became descending kept ascending ones, because create-or-extend-tables never changes an
-- index, and deep log pages stayed slow there. Recreate them as V1 declares them; on a database
-- V1 created, this rebuilds empty indexes.
DROP INDEX IF EXISTS PROVISIONING_LOG_TIME;
DROP INDEX IF EXISTS PROVISIONING_LOG_TENANT_TIME;
DROP INDEX IF EXISTS PROVISIONING_LOG_RESOURCE;
CREATE INDEX PROVISIONING_LOG_TIME ON PROVISIONING_LOG (LOG_TIME DESC, ID DESC);
CREATE INDEX PROVISIONING_LOG_TENANT_TIME ON PROVISIONING_LOG (TENANT_ID, LOG_TIME DESC, ID DESC);
CREATE INDEX PROVISIONING_LOG_RESOURCE ON PROVISIONING_LOG (TENANT_ID, RESOURCE_ID, LOG_TIME DESC, ID DESC);
