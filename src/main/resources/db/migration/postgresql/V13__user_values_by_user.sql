-- A user's value rows, found by the user: deleting a user (and its value rows), replacing many of
-- its values at once, and the foreign key's check when its SCIM_USERS row goes all look for
-- SCIM_USER_VALUES rows by USER_ID. The primary key starts with PATH, and PostgreSQL, unlike H2,
-- makes no index for a foreign key of its own: each of these read the whole table, some 23 rows
-- per user of an Entra directory (issue 18, docs/benchmark.md). H2 has had such an index since V1,
-- the one it made for FK_SCIM_USER_VALUES_USER_ID, so this script is PostgreSQL's only.
CREATE INDEX SCIM_USER_VALUES_USER ON SCIM_USER_VALUES (USER_ID);
