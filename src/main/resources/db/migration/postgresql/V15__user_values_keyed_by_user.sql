-- SCIM_USER_VALUES' primary key starts with USER_ID instead of PATH, as H2's does from V14 (issue
-- 18, docs/benchmark.md): a created user's value rows sit side by side at the key's end instead of
-- under some 23 paths, and the key now serves what V13's index served (a user's rows by USER_ID,
-- for deletes and the foreign key's check), so that index goes. Filters find users through
-- SCIM_USER_VALUES_LOOKUP and never by the key's first column alone.
ALTER TABLE SCIM_USER_VALUES DROP CONSTRAINT SCIM_USER_VALUES_PKEY;
ALTER TABLE SCIM_USER_VALUES ADD CONSTRAINT SCIM_USER_VALUES_PKEY PRIMARY KEY (USER_ID, PATH, ELEMENT);
DROP INDEX SCIM_USER_VALUES_USER;
