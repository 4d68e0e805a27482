-- Users and groups are listed in id order when no sortBy is given, and RFC 7644 paging relies on
-- that order not changing under a walk. Ids came in blocks of 50 per instance, so with two
-- instances a user created on one could take an id below users already created on the other and
-- shift a walk by one. One id at a time keeps ids in creation order across instances. The
-- entities say allocationSize = 1 to match.
ALTER SEQUENCE SCIM_USERS_SEQ INCREMENT BY 1;
ALTER SEQUENCE SCIM_GROUPS_SEQ INCREMENT BY 1;
