-- The product's own accounts, imported before provisioning starts (docs/account-import.md).
--
-- An imported account is a user like any other, so that the identity provider's lookup
-- (userName, externalId or email) finds it and links to it instead of creating a second one. The
-- user row says which product account it is and since when the identity provider owns it; no
-- index on either, so that a SCIM write pays nothing for them.
ALTER TABLE SCIM_USERS ADD COLUMN PRODUCT_ACCOUNT_ID VARCHAR(255);
ALTER TABLE SCIM_USERS ADD COLUMN LINKED_AT TIMESTAMP;

-- Which user each imported account became: an import that runs again finds its accounts by their
-- id, and the console counts imported, linked and not yet linked accounts from here.
CREATE TABLE PRODUCT_ACCOUNT (
    TENANT_ID VARCHAR(64) NOT NULL,
    ACCOUNT_ID VARCHAR(255) NOT NULL,
    USER_ID BIGINT NOT NULL,
    IMPORTED_AT TIMESTAMP NOT NULL,
    LINKED_AT TIMESTAMP,
    PRIMARY KEY (TENANT_ID, ACCOUNT_ID)
);
CREATE UNIQUE INDEX PRODUCT_ACCOUNT_USER ON PRODUCT_ACCOUNT (USER_ID);
CREATE INDEX PRODUCT_ACCOUNT_LINKED ON PRODUCT_ACCOUNT (TENANT_ID, LINKED_AT);
