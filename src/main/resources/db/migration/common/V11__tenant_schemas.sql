-- User extension schemas a tenant's admin defines (docs/custom-attributes.md): Entra ID's and
-- Okta's custom attributes. DEFINITION is the schema as the admin API shows it (JSON).
CREATE TABLE TENANT_SCHEMA (
    TENANT_ID VARCHAR(64) NOT NULL,
    URN VARCHAR(200) NOT NULL,
    DEFINITION VARCHAR(1048576) NOT NULL,
    UPDATED_AT TIMESTAMP NOT NULL,
    PRIMARY KEY (TENANT_ID, URN)
);
