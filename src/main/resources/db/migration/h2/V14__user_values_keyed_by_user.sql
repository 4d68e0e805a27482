-- SCIM_USER_VALUES' primary key starts with USER_ID instead of PATH (issue 18, docs/benchmark.md).
-- A created user's value rows (some 23 for an Entra user) then sit side by side in the key, at its
-- end, instead of under 23 different paths: each commit rewrites one or two of the key's pages in
-- H2's file instead of up to 23. Filters find users through SCIM_USER_VALUES_LOOKUP and never by
-- the key's first column alone, so no query loses its index.
-- H2's own script: a database made before migrations named the key CONSTRAINT_B, one V1 made
-- SCIM_USER_VALUES_PKEY, and DROP PRIMARY KEY finds either. The foreign key's index stays: H2
-- keeps one for the constraint whatever other index starts with USER_ID.
ALTER TABLE SCIM_USER_VALUES DROP PRIMARY KEY;
ALTER TABLE SCIM_USER_VALUES ADD CONSTRAINT SCIM_USER_VALUES_PKEY PRIMARY KEY (USER_ID, PATH, ELEMENT);
