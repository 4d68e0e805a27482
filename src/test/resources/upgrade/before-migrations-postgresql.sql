-- The same as before-migrations-h2.sql, made on PostgreSQL 15 by the same build, dumped with
-- pg_dump --inserts --no-owner --no-privileges (without the \restrict lines only psql reads).

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

CREATE TABLE public.admin_accounts (
    user_name character varying(64) NOT NULL,
    created timestamp without time zone NOT NULL,
    password_changed timestamp without time zone NOT NULL,
    password_hash character varying(256) NOT NULL
);

CREATE TABLE public.api_token (
    id character varying(36) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    expires_at timestamp without time zone,
    label character varying(200) NOT NULL,
    last_used_at timestamp without time zone,
    prefix character varying(32) NOT NULL,
    revoked_at timestamp without time zone,
    secret_hash character varying(64) NOT NULL,
    tenant_id character varying(64) NOT NULL
);

CREATE TABLE public.provisioning_log (
    id bigint NOT NULL,
    client character varying(300),
    correlation_id character varying(128),
    detail character varying(2000),
    duration_ms bigint NOT NULL,
    method character varying(16) NOT NULL,
    path character varying(1000) NOT NULL,
    query_string character varying(2000),
    request_body character varying(16384),
    resource_id character varying(200),
    resource_type character varying(40),
    scim_type character varying(40),
    status integer NOT NULL,
    tenant_id character varying(64),
    log_time timestamp without time zone NOT NULL,
    token_prefix character varying(32)
);

CREATE SEQUENCE public.provisioning_log_seq
    START WITH 500
    INCREMENT BY 500
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE public.scim_groups (
    id bigint NOT NULL,
    created timestamp without time zone NOT NULL,
    display_name character varying(4096) NOT NULL,
    display_name_key character varying(4096) NOT NULL,
    external_id character varying(4096),
    last_modified timestamp without time zone NOT NULL,
    scim_id character varying(36) NOT NULL,
    tenant_id character varying(64) NOT NULL,
    version bigint NOT NULL
);

CREATE SEQUENCE public.scim_groups_seq
    START WITH 50
    INCREMENT BY 50
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE public.scim_memberships (
    id bigint NOT NULL,
    display character varying(4096),
    group_id bigint NOT NULL,
    member_id character varying(36) NOT NULL,
    member_type character varying(8) NOT NULL
);

CREATE SEQUENCE public.scim_memberships_seq
    START WITH 500
    INCREMENT BY 500
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE public.scim_user_values (
    path character varying(200) NOT NULL,
    user_id bigint NOT NULL,
    element integer NOT NULL,
    tenant_id character varying(64) NOT NULL,
    value_key character varying(4096) NOT NULL
);

CREATE TABLE public.scim_users (
    id bigint NOT NULL,
    active boolean,
    created timestamp without time zone NOT NULL,
    display_name_key character varying(4096),
    document character varying(1048576) NOT NULL,
    external_id character varying(4096),
    last_modified timestamp without time zone NOT NULL,
    scim_id character varying(36) NOT NULL,
    tenant_id character varying(64) NOT NULL,
    user_name_key character varying(4096) NOT NULL,
    version bigint NOT NULL
);

CREATE SEQUENCE public.scim_users_seq
    START WITH 50
    INCREMENT BY 50
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE public.tenant (
    id character varying(64) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    enabled boolean NOT NULL,
    name character varying(200) NOT NULL
);

INSERT INTO public.admin_accounts VALUES ('admin', '2026-12-03 15:30:10.615217', '2026-12-03 15:30:10.615217', 'pbkdf2-sha512$210000$h0+jmrNav6VeBPAgbLElFQ==$NWIdQrnP43qnYEKZNHc9bwfjPlWVaLdr4zeFgQlDgJ/lcMb487geTFWdzqZcObD/ByfwsMx3iORDrU+dBS8PJA==');

INSERT INTO public.api_token VALUES ('27bbcb26-9070-4e14-9218-8f61612d4d8f', '2026-12-03 15:30:07.674625', NULL, 'bootstrap', '2026-12-03 15:30:17.383677', 'ext_2e032a40', NULL, '2e032a402ed5f8d5e361fb26c6dde881f66772bbd4ae216810ca28d5d6fd2c37', 'acme');

INSERT INTO public.provisioning_log VALUES (501, 'curl/7.88.1', '0cbce7fc-dfe9-44ba-80d0-213f83f8d729', NULL, 207, 'POST', '/scim/v2/Users', NULL, '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"user1@contoso.com","externalId":"ext-1","active":true,"displayName":"User 1","name":{"givenName":"Given1","familyName":"Family1"},"emails":[{"type":"work","value":"user1@contoso.com","primary":true}],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales","employeeNumber":"E1"}}', '592d2fd8-1e57-4e68-8570-f2a48a925ed3', 'User', NULL, 201, 'acme', '2026-12-03 15:30:17.590941', 'ext_2e032a40');
INSERT INTO public.provisioning_log VALUES (502, 'curl/7.88.1', 'e96d28ec-4c8f-4f38-bcc1-390db472ff32', NULL, 18, 'POST', '/scim/v2/Users', NULL, '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"user2@contoso.com","externalId":"ext-2","active":true,"displayName":"User 2","name":{"givenName":"Given2","familyName":"Family2"},"emails":[{"type":"work","value":"user2@contoso.com","primary":true}],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales","employeeNumber":"E2"}}', '79fd7e5c-1c6d-4f63-989e-5c6c412ff28f', 'User', NULL, 201, 'acme', '2026-12-03 15:30:17.653751', 'ext_2e032a40');
INSERT INTO public.provisioning_log VALUES (503, 'curl/7.88.1', '7da6ca0f-a743-4dad-a6be-fd008660fa30', NULL, 21, 'POST', '/scim/v2/Users', NULL, '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"user3@contoso.com","externalId":"ext-3","active":true,"displayName":"User 3","name":{"givenName":"Given3","familyName":"Family3"},"emails":[{"type":"work","value":"user3@contoso.com","primary":true}],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales","employeeNumber":"E3"}}', '21b65449-c748-4b21-af7d-4080ea409210', 'User', NULL, 201, 'acme', '2026-12-03 15:30:17.854289', 'ext_2e032a40');
INSERT INTO public.provisioning_log VALUES (504, 'curl/7.88.1', 'aa4c8d68-b40d-483b-86a5-5fe8d62d00b5', NULL, 46, 'PATCH', '/scim/v2/Users/21b65449-c748-4b21-af7d-4080ea409210', NULL, '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}', '21b65449-c748-4b21-af7d-4080ea409210', 'User', NULL, 200, 'acme', '2026-12-03 15:30:18.024627', 'ext_2e032a40');
INSERT INTO public.provisioning_log VALUES (505, 'curl/7.88.1', '4faa319f-3254-443e-bd66-c4bf3402b310', NULL, 68, 'POST', '/scim/v2/Groups', NULL, '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Sales","externalId":"g-1","members":[{"value":"592d2fd8-1e57-4e68-8570-f2a48a925ed3"},{"value":"79fd7e5c-1c6d-4f63-989e-5c6c412ff28f"}]}', 'd3968fa3-60b3-47f5-a262-7a9d29df51f3', 'Group', NULL, 201, 'acme', '2026-12-03 15:30:18.116589', 'ext_2e032a40');
INSERT INTO public.provisioning_log VALUES (506, 'curl/7.88.1', 'ca18403d-8300-44a9-93a8-c3234e8177c6', NULL, 24, 'GET', '/scim/v2/Users', 'filter=userName eq "user1@contoso.com"', NULL, NULL, 'User', NULL, 200, 'acme', '2026-12-03 15:30:18.230799', 'ext_2e032a40');
INSERT INTO public.provisioning_log VALUES (507, 'curl/7.88.1', '0385ef99-adae-4758-bf99-1c693060f719', 'The bearer token is not valid.', 40, 'GET', '/scim/v2/Users', NULL, NULL, NULL, 'User', NULL, 401, NULL, '2026-12-03 15:30:18.292604', NULL);

INSERT INTO public.scim_groups VALUES (51, '2026-12-03 15:30:18.076', 'Sales', 'sales', 'g-1', '2026-12-03 15:30:18.076', 'd3968fa3-60b3-47f5-a262-7a9d29df51f3', 'acme', 1);

INSERT INTO public.scim_memberships VALUES (501, NULL, 51, '592d2fd8-1e57-4e68-8570-f2a48a925ed3', 'User');
INSERT INTO public.scim_memberships VALUES (502, NULL, 51, '79fd7e5c-1c6d-4f63-989e-5c6c412ff28f', 'User');

INSERT INTO public.scim_user_values VALUES ('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', 51, 0, 'acme', 'e1');
INSERT INTO public.scim_user_values VALUES ('emails.value', 51, 0, 'acme', 'user1@contoso.com');
INSERT INTO public.scim_user_values VALUES ('name.familyName', 51, 0, 'acme', 'family1');
INSERT INTO public.scim_user_values VALUES ('emails.type', 51, 0, 'acme', 'work');
INSERT INTO public.scim_user_values VALUES ('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 51, 0, 'acme', 'sales');
INSERT INTO public.scim_user_values VALUES ('name.givenName', 51, 0, 'acme', 'given1');
INSERT INTO public.scim_user_values VALUES ('emails.primary', 51, 0, 'acme', 'true');
INSERT INTO public.scim_user_values VALUES ('emails.primary', 52, 0, 'acme', 'true');
INSERT INTO public.scim_user_values VALUES ('emails.value', 52, 0, 'acme', 'user2@contoso.com');
INSERT INTO public.scim_user_values VALUES ('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', 52, 0, 'acme', 'e2');
INSERT INTO public.scim_user_values VALUES ('emails.type', 52, 0, 'acme', 'work');
INSERT INTO public.scim_user_values VALUES ('name.givenName', 52, 0, 'acme', 'given2');
INSERT INTO public.scim_user_values VALUES ('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 52, 0, 'acme', 'sales');
INSERT INTO public.scim_user_values VALUES ('name.familyName', 52, 0, 'acme', 'family2');
INSERT INTO public.scim_user_values VALUES ('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', 53, 0, 'acme', 'e3');
INSERT INTO public.scim_user_values VALUES ('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 53, 0, 'acme', 'sales');
INSERT INTO public.scim_user_values VALUES ('emails.value', 53, 0, 'acme', 'user3@contoso.com');
INSERT INTO public.scim_user_values VALUES ('name.givenName', 53, 0, 'acme', 'given3');
INSERT INTO public.scim_user_values VALUES ('emails.type', 53, 0, 'acme', 'work');
INSERT INTO public.scim_user_values VALUES ('name.familyName', 53, 0, 'acme', 'family3');
INSERT INTO public.scim_user_values VALUES ('emails.primary', 53, 0, 'acme', 'true');

INSERT INTO public.scim_users VALUES (51, true, '2026-12-03 15:30:17.523', 'user 1', '{"userName":"user1@contoso.com","active":true,"displayName":"User 1","name":{"givenName":"Given1","familyName":"Family1"},"emails":[{"type":"work","value":"user1@contoso.com","primary":true}],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales","employeeNumber":"E1"}}', 'ext-1', '2026-12-03 15:30:17.523', '592d2fd8-1e57-4e68-8570-f2a48a925ed3', 'acme', 'user1@contoso.com', 1);
INSERT INTO public.scim_users VALUES (52, true, '2026-12-03 15:30:17.64', 'user 2', '{"userName":"user2@contoso.com","active":true,"displayName":"User 2","name":{"givenName":"Given2","familyName":"Family2"},"emails":[{"type":"work","value":"user2@contoso.com","primary":true}],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales","employeeNumber":"E2"}}', 'ext-2', '2026-12-03 15:30:17.64', '79fd7e5c-1c6d-4f63-989e-5c6c412ff28f', 'acme', 'user2@contoso.com', 1);
INSERT INTO public.scim_users VALUES (53, false, '2026-12-03 15:30:17.84', 'user 3', '{"userName":"user3@contoso.com","active":false,"displayName":"User 3","name":{"givenName":"Given3","familyName":"Family3"},"emails":[{"type":"work","value":"user3@contoso.com","primary":true}],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales","employeeNumber":"E3"}}', 'ext-3', '2026-12-03 15:30:18.002', '21b65449-c748-4b21-af7d-4080ea409210', 'acme', 'user3@contoso.com', 2);

INSERT INTO public.tenant VALUES ('acme', '2026-12-03 15:30:07.674625', true, 'acme');

SELECT pg_catalog.setval('public.provisioning_log_seq', 1000, true);

SELECT pg_catalog.setval('public.scim_groups_seq', 100, true);

SELECT pg_catalog.setval('public.scim_memberships_seq', 1000, true);

SELECT pg_catalog.setval('public.scim_users_seq', 100, true);

ALTER TABLE ONLY public.admin_accounts
    ADD CONSTRAINT admin_accounts_pkey PRIMARY KEY (user_name);

ALTER TABLE ONLY public.api_token
    ADD CONSTRAINT api_token_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.provisioning_log
    ADD CONSTRAINT provisioning_log_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.scim_groups
    ADD CONSTRAINT scim_groups_display_name UNIQUE (tenant_id, display_name_key);

ALTER TABLE ONLY public.scim_groups
    ADD CONSTRAINT scim_groups_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.scim_memberships
    ADD CONSTRAINT scim_memberships_group_member UNIQUE (group_id, member_id);

ALTER TABLE ONLY public.scim_memberships
    ADD CONSTRAINT scim_memberships_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.scim_user_values
    ADD CONSTRAINT scim_user_values_pkey PRIMARY KEY (path, user_id, element);

ALTER TABLE ONLY public.scim_users
    ADD CONSTRAINT scim_users_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.scim_users
    ADD CONSTRAINT scim_users_user_name UNIQUE (tenant_id, user_name_key);

ALTER TABLE ONLY public.tenant
    ADD CONSTRAINT tenant_pkey PRIMARY KEY (id);

CREATE UNIQUE INDEX api_token_hash ON public.api_token USING btree (secret_hash);

CREATE INDEX api_token_tenant ON public.api_token USING btree (tenant_id);

CREATE INDEX provisioning_log_correlation ON public.provisioning_log USING btree (correlation_id);

CREATE INDEX provisioning_log_resource ON public.provisioning_log USING btree (tenant_id, resource_id, log_time DESC, id DESC);

CREATE INDEX provisioning_log_tenant_time ON public.provisioning_log USING btree (tenant_id, log_time DESC, id DESC);

CREATE INDEX provisioning_log_time ON public.provisioning_log USING btree (log_time DESC, id DESC);

CREATE INDEX scim_groups_created ON public.scim_groups USING btree (tenant_id, created);

CREATE INDEX scim_groups_external_id ON public.scim_groups USING btree (tenant_id, external_id);

CREATE INDEX scim_groups_last_modified ON public.scim_groups USING btree (tenant_id, last_modified);

CREATE UNIQUE INDEX scim_groups_scim_id ON public.scim_groups USING btree (scim_id);

CREATE INDEX scim_groups_tenant_order ON public.scim_groups USING btree (tenant_id, id);

CREATE INDEX scim_memberships_group_order ON public.scim_memberships USING btree (group_id, id);

CREATE INDEX scim_memberships_member ON public.scim_memberships USING btree (member_id, group_id);

CREATE INDEX scim_user_values_lookup ON public.scim_user_values USING btree (tenant_id, path, value_key);

CREATE INDEX scim_users_created ON public.scim_users USING btree (tenant_id, created);

CREATE INDEX scim_users_display_name ON public.scim_users USING btree (tenant_id, display_name_key);

CREATE INDEX scim_users_external_id ON public.scim_users USING btree (tenant_id, external_id);

CREATE INDEX scim_users_last_modified ON public.scim_users USING btree (tenant_id, last_modified);

CREATE UNIQUE INDEX scim_users_scim_id ON public.scim_users USING btree (scim_id);

CREATE INDEX scim_users_tenant_order ON public.scim_users USING btree (tenant_id, id);

ALTER TABLE ONLY public.api_token
    ADD CONSTRAINT fk_api_token_tenant_id FOREIGN KEY (tenant_id) REFERENCES public.tenant(id);

ALTER TABLE ONLY public.scim_user_values
    ADD CONSTRAINT fk_scim_user_values_user_id FOREIGN KEY (user_id) REFERENCES public.scim_users(id);

