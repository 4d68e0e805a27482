-- The change feed (docs/change-feed.md). Every write through SCIM appends its events to
-- CHANGE_EVENT in its own transaction, numbered per tenant by TENANT_EVENT_COUNTER: the writer
-- raises LAST_SEQ by the number of its events and keeps the row lock until it commits, so numbers
-- have no gaps and follow commit order on any number of instances.
--
-- The counter has no foreign key to TENANT, like the SCIM tables: a tenant's counter is made with
-- the tenant (and here for the tenants that exist), or by its first event.
CREATE TABLE TENANT_EVENT_COUNTER (
    TENANT_ID VARCHAR(64) NOT NULL,
    LAST_SEQ BIGINT NOT NULL,
    PRIMARY KEY (TENANT_ID)
);

INSERT INTO TENANT_EVENT_COUNTER (TENANT_ID, LAST_SEQ) SELECT ID, 0 FROM TENANT;

CREATE TABLE CHANGE_EVENT (
    TENANT_ID VARCHAR(64) NOT NULL,
    SEQ BIGINT NOT NULL,
    TYPE VARCHAR(64) NOT NULL,
    RESOURCE_ID VARCHAR(36) NOT NULL,
    OCCURRED TIMESTAMP NOT NULL,
    PAYLOAD VARCHAR(1048576) NOT NULL,
    PRIMARY KEY (TENANT_ID, SEQ)
);

-- retention deletes the oldest events of every tenant
CREATE INDEX CHANGE_EVENT_OCCURRED ON CHANGE_EVENT (OCCURRED);
