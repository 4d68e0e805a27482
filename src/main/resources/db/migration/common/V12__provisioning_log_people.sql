-- The provisioning log built around people (issue 17, docs/console.md).
-- SUBJECT: whom a request was about (userName or group displayName), resolved when the record is
-- written, so that it survives the resource's deletion. ACTION: what it did (create, update,
-- deactivate, reactivate, delete, add members, remove members, lookup, test connection, ...).
ALTER TABLE PROVISIONING_LOG ADD COLUMN SUBJECT VARCHAR(300);
ALTER TABLE PROVISIONING_LOG ADD COLUMN ACTION VARCHAR(40);

-- The users a group request named as members, so that a user's timeline shows the group requests
-- that added or removed them. At most 100 per record.
CREATE TABLE PROVISIONING_LOG_MEMBER (
    LOG_ID BIGINT NOT NULL,
    TENANT_ID VARCHAR(64) NOT NULL,
    USER_ID VARCHAR(200) NOT NULL,
    LOG_TIME TIMESTAMP NOT NULL,
    PRIMARY KEY (LOG_ID, USER_ID)
);
CREATE INDEX PROVISIONING_LOG_MEMBER_USER ON PROVISIONING_LOG_MEMBER (TENANT_ID, USER_ID, LOG_TIME DESC);
CREATE INDEX PROVISIONING_LOG_MEMBER_TIME ON PROVISIONING_LOG_MEMBER (LOG_TIME);

-- Requests and errors per tenant and hour, counted by the log writer as it writes (one row per
-- tenant, hour and writer, so that writers never contend): the console's charts and error rates
-- read these instead of counting the log. TENANT_ID '' is the requests of no tenant.
CREATE TABLE PROVISIONING_LOG_HOURLY (
    TENANT_ID VARCHAR(64) NOT NULL,
    HOUR_START TIMESTAMP NOT NULL,
    WRITER VARCHAR(36) NOT NULL,
    REQUESTS BIGINT NOT NULL,
    ERRORS BIGINT NOT NULL,
    PRIMARY KEY (TENANT_ID, HOUR_START, WRITER)
);
CREATE INDEX PROVISIONING_LOG_HOURLY_TIME ON PROVISIONING_LOG_HOURLY (HOUR_START);

-- What a tenant's identity provider has been seen doing, for its connection health and the setup
-- guides: kept up to date by the log writer, each time only ever moving forward.
CREATE TABLE TENANT_ACTIVITY (
    TENANT_ID VARCHAR(64) NOT NULL PRIMARY KEY,
    FIRST_REQUEST TIMESTAMP,
    LAST_REQUEST TIMESTAMP,
    LAST_SUCCESS TIMESTAMP,
    LAST_FAILURE TIMESTAMP,
    LAST_UNAUTHORIZED TIMESTAMP,
    LAST_TEST_CONNECTION TIMESTAMP,
    LAST_TEST_CONNECTION_OK TIMESTAMP,
    FIRST_USER_WRITE TIMESTAMP,
    FIRST_GROUP_WRITE TIMESTAMP,
    LAST_WRITE TIMESTAMP
);

-- A 401 for a token whose secret is wrong but whose prefix is a stored token's (cut short when
-- copied, mistyped) is attributed to that token's tenant: looked up by prefix.
CREATE INDEX API_TOKEN_PREFIX ON API_TOKEN (PREFIX);
