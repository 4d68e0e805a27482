-- Departments in the product's terms (docs/directory-api.md).
--
-- Where a tenant's departments come from: 'attribute' (the enterprise extension's department of
-- each user, what Entra ID and Okta sync unless groups are pushed), 'groups' (pushed groups), or
-- 'both'.
ALTER TABLE TENANT ADD COLUMN DEPARTMENT_SOURCE VARCHAR(16) DEFAULT 'attribute' NOT NULL;

-- The lookup index ends with the user's id, so that the members of a department (all users with
-- one department value) page in id order from the index alone, at any size. It replaces the old
-- index rather than adding one: each user's value rows keep costing two index entries.
DROP INDEX SCIM_USER_VALUES_LOOKUP;
CREATE INDEX SCIM_USER_VALUES_LOOKUP ON SCIM_USER_VALUES (TENANT_ID, PATH, VALUE_KEY, USER_ID);
