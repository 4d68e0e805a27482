-- Mass deprovisioning held for review (docs/deprovisioning-hold.md).
--
-- Each tenant's threshold: a deactivation or deletion is held when more than HOLD_PERCENT of the
-- tenant's active users, and more than HOLD_MINIMUM, were deprovisioned within the last hour.
ALTER TABLE TENANT ADD COLUMN HOLD_ENABLED BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE TENANT ADD COLUMN HOLD_PERCENT INTEGER DEFAULT 10 NOT NULL;
ALTER TABLE TENANT ADD COLUMN HOLD_MINIMUM INTEGER DEFAULT 50 NOT NULL;

-- A user whose deactivation is held ('held') or was rejected ('kept'): the identity provider
-- sees it inactive, the product still active. Null for every other user, read with the row.
ALTER TABLE SCIM_USERS ADD COLUMN HOLD VARCHAR(8);

-- Every deactivation and deletion of the last hours, to count them on any number of instances,
-- and every held one with its decision. USER_JSON is the user as the product saw it; EVENTS the
-- change-feed events the hold keeps back until it is released.
CREATE TABLE DEPROVISIONING (
    ID VARCHAR(36) NOT NULL,
    TENANT_ID VARCHAR(64) NOT NULL,
    USER_ID VARCHAR(36) NOT NULL,
    KIND VARCHAR(16) NOT NULL,
    OCCURRED TIMESTAMP NOT NULL,
    REQUEST VARCHAR(300) NOT NULL,
    STATE VARCHAR(16) NOT NULL,
    USER_JSON VARCHAR(1048576) NOT NULL,
    EVENTS VARCHAR(1048576),
    DECIDED_BY VARCHAR(200),
    DECIDED_AT TIMESTAMP,
    PRIMARY KEY (ID)
);
CREATE INDEX DEPROVISIONING_WINDOW ON DEPROVISIONING (TENANT_ID, OCCURRED);
CREATE INDEX DEPROVISIONING_STATE ON DEPROVISIONING (TENANT_ID, STATE, OCCURRED);
CREATE INDEX DEPROVISIONING_USER ON DEPROVISIONING (TENANT_ID, USER_ID);
