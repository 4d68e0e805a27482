-- A database made by the last build without versioned migrations (commit 50ea470, 2026-12-03),
-- dumped with H2's SCRIPT after seeding it through SCIM as Entra ID does: tenant acme (token
-- acme-token-0123456789), three users (one deactivated), group Sales with two members, the log of
-- those requests, and admin account admin (admin-password-0123). SchemaUpgradeIT starts the
-- current WAR on it.
SET DB_CLOSE_DELAY -1;         
SET CACHE_SIZE 65536;          
;              
CREATE USER IF NOT EXISTS "ROSTER" SALT '24a7f0d8a0e01547' HASH 'bb9d20b72224783ff74868953eee55e3f2651b96973eaaa19fb1d8e08a42d0bc' ADMIN;      
CREATE SEQUENCE "PUBLIC"."PROVISIONING_LOG_SEQ" START WITH 500 RESTART WITH 17000 INCREMENT BY 500;            
CREATE SEQUENCE "PUBLIC"."SCIM_GROUPS_SEQ" START WITH 50 RESTART WITH 1700 INCREMENT BY 50;    
CREATE SEQUENCE "PUBLIC"."SCIM_MEMBERSHIPS_SEQ" START WITH 500 RESTART WITH 17000 INCREMENT BY 500;            
CREATE SEQUENCE "PUBLIC"."SCIM_USERS_SEQ" START WITH 50 RESTART WITH 1700 INCREMENT BY 50;     
CREATE CACHED TABLE "PUBLIC"."SCIM_MEMBERSHIPS"(
    "ID" BIGINT NOT NULL,
    "DISPLAY" CHARACTER VARYING(4096),
    "GROUP_ID" BIGINT NOT NULL,
    "MEMBER_ID" CHARACTER VARYING(36) NOT NULL,
    "MEMBER_TYPE" CHARACTER VARYING(8) NOT NULL
);           
ALTER TABLE "PUBLIC"."SCIM_MEMBERSHIPS" ADD CONSTRAINT "PUBLIC"."CONSTRAINT_7" PRIMARY KEY("ID");              
INSERT INTO "PUBLIC"."SCIM_MEMBERSHIPS" VALUES
(501, NULL, 51, '4282b057-6a93-4c82-b2de-4e37c5e13ffb', 'User'),
(502, NULL, 51, '613453ab-2df7-4658-a16a-6ad8aa4d435f', 'User');               
CREATE INDEX "PUBLIC"."SCIM_MEMBERSHIPS_MEMBER" ON "PUBLIC"."SCIM_MEMBERSHIPS"("MEMBER_ID" NULLS FIRST, "GROUP_ID" NULLS FIRST);               
CREATE INDEX "PUBLIC"."SCIM_MEMBERSHIPS_GROUP_ORDER" ON "PUBLIC"."SCIM_MEMBERSHIPS"("GROUP_ID" NULLS FIRST, "ID" NULLS FIRST); 
CREATE CACHED TABLE "PUBLIC"."SCIM_GROUPS"(
    "ID" BIGINT NOT NULL,
    "CREATED" TIMESTAMP NOT NULL,
    "DISPLAY_NAME" CHARACTER VARYING(4096) NOT NULL,
    "DISPLAY_NAME_KEY" CHARACTER VARYING(4096) NOT NULL,
    "EXTERNAL_ID" CHARACTER VARYING(4096),
    "LAST_MODIFIED" TIMESTAMP NOT NULL,
    "SCIM_ID" CHARACTER VARYING(36) NOT NULL,
    "TENANT_ID" CHARACTER VARYING(64) NOT NULL,
    "VERSION" BIGINT NOT NULL
);        
ALTER TABLE "PUBLIC"."SCIM_GROUPS" ADD CONSTRAINT "PUBLIC"."CONSTRAINT_D" PRIMARY KEY("ID");   
INSERT INTO "PUBLIC"."SCIM_GROUPS" VALUES
(51, TIMESTAMP '2026-12-03 15:30:13.919', 'Sales', 'sales', 'g-1', TIMESTAMP '2026-12-03 15:30:13.919', 'cb9a840f-0685-4206-8548-8d183054e272', 'acme', 1);          
CREATE UNIQUE NULLS DISTINCT INDEX "PUBLIC"."SCIM_GROUPS_SCIM_ID" ON "PUBLIC"."SCIM_GROUPS"("SCIM_ID" NULLS FIRST);            
CREATE INDEX "PUBLIC"."SCIM_GROUPS_TENANT_ORDER" ON "PUBLIC"."SCIM_GROUPS"("TENANT_ID" NULLS FIRST, "ID" NULLS FIRST);         
CREATE INDEX "PUBLIC"."SCIM_GROUPS_EXTERNAL_ID" ON "PUBLIC"."SCIM_GROUPS"("TENANT_ID" NULLS FIRST, "EXTERNAL_ID" NULLS FIRST); 
CREATE INDEX "PUBLIC"."SCIM_GROUPS_LAST_MODIFIED" ON "PUBLIC"."SCIM_GROUPS"("TENANT_ID" NULLS FIRST, "LAST_MODIFIED" NULLS FIRST);             
CREATE INDEX "PUBLIC"."SCIM_GROUPS_CREATED" ON "PUBLIC"."SCIM_GROUPS"("TENANT_ID" NULLS FIRST, "CREATED" NULLS FIRST);         
CREATE CACHED TABLE "PUBLIC"."API_TOKEN"(
    "ID" CHARACTER VARYING(36) NOT NULL,
    "CREATED_AT" TIMESTAMP NOT NULL,
    "EXPIRES_AT" TIMESTAMP,
    "LABEL" CHARACTER VARYING(200) NOT NULL,
    "LAST_USED_AT" TIMESTAMP,
    "PREFIX" CHARACTER VARYING(32) NOT NULL,
    "REVOKED_AT" TIMESTAMP,
    "SECRET_HASH" CHARACTER VARYING(64) NOT NULL,
    "TENANT_ID" CHARACTER VARYING(64) NOT NULL
);    
ALTER TABLE "PUBLIC"."API_TOKEN" ADD CONSTRAINT "PUBLIC"."CONSTRAINT_D8" PRIMARY KEY("ID");    
INSERT INTO "PUBLIC"."API_TOKEN" VALUES
('8609870a-26cf-4fa8-b3ff-4f2c6db9a5cc', TIMESTAMP '2026-12-03 15:30:10.392219', NULL, 'bootstrap', TIMESTAMP '2026-12-03 15:30:13.302993', 'ext_2e032a40', NULL, '2e032a402ed5f8d5e361fb26c6dde881f66772bbd4ae216810ca28d5d6fd2c37', 'acme');         
CREATE UNIQUE NULLS DISTINCT INDEX "PUBLIC"."API_TOKEN_HASH" ON "PUBLIC"."API_TOKEN"("SECRET_HASH" NULLS FIRST);               
CREATE INDEX "PUBLIC"."API_TOKEN_TENANT" ON "PUBLIC"."API_TOKEN"("TENANT_ID" NULLS FIRST);     
CREATE CACHED TABLE "PUBLIC"."PROVISIONING_LOG"(
    "ID" BIGINT NOT NULL,
    "CLIENT" CHARACTER VARYING(300),
    "CORRELATION_ID" CHARACTER VARYING(128),
    "DETAIL" CHARACTER VARYING(2000),
    "DURATION_MS" BIGINT NOT NULL,
    "METHOD" CHARACTER VARYING(16) NOT NULL,
    "PATH" CHARACTER VARYING(1000) NOT NULL,
    "QUERY_STRING" CHARACTER VARYING(2000),
    "REQUEST_BODY" CHARACTER VARYING(16384),
    "RESOURCE_ID" CHARACTER VARYING(200),
    "RESOURCE_TYPE" CHARACTER VARYING(40),
    "SCIM_TYPE" CHARACTER VARYING(40),
    "STATUS" INTEGER NOT NULL,
    "TENANT_ID" CHARACTER VARYING(64),
    "LOG_TIME" TIMESTAMP NOT NULL,
    "TOKEN_PREFIX" CHARACTER VARYING(32)
);      
ALTER TABLE "PUBLIC"."PROVISIONING_LOG" ADD CONSTRAINT "PUBLIC"."CONSTRAINT_4" PRIMARY KEY("ID");              
INSERT INTO "PUBLIC"."PROVISIONING_LOG" VALUES
(501, 'curl/7.88.1', '1d3d6b0d-c784-4284-a3cd-fbc4fbe2ea2b', NULL, 193, 'POST', '/scim/v2/Users', NULL, '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"user1@contoso.com","externalId":"ext-1","active":true,"displayName":"User 1","name":{"givenName":"Given1","familyName":"Family1"},"emails":[{"type":"work","value":"user1@contoso.com","primary":true}],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales","employeeNumber":"E1"}}', '4282b057-6a93-4c82-b2de-4e37c5e13ffb', 'User', NULL, 201, 'acme', TIMESTAMP '2026-12-03 15:30:13.490701', 'ext_2e032a40'),
(502, 'curl/7.88.1', '67da34f1-1bba-4a81-a8d2-6dfcea2b1282', NULL, 25, 'POST', '/scim/v2/Users', NULL, '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"user2@contoso.com","externalId":"ext-2","active":true,"displayName":"User 2","name":{"givenName":"Given2","familyName":"Family2"},"emails":[{"type":"work","value":"user2@contoso.com","primary":true}],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales","employeeNumber":"E2"}}', '613453ab-2df7-4658-a16a-6ad8aa4d435f', 'User', NULL, 201, 'acme', TIMESTAMP '2026-12-03 15:30:13.56386', 'ext_2e032a40'),
(503, 'curl/7.88.1', '3d483981-5711-44bd-80f5-e9e643e0146d', NULL, 22, 'POST', '/scim/v2/Users', NULL, '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"user3@contoso.com","externalId":"ext-3","active":true,"displayName":"User 3","name":{"givenName":"Given3","familyName":"Family3"},"emails":[{"type":"work","value":"user3@contoso.com","primary":true}],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales","employeeNumber":"E3"}}', 'd5d7780d-5b91-40b8-b9b9-110cdc88e7a7', 'User', NULL, 201, 'acme', TIMESTAMP '2026-12-03 15:30:13.714893', 'ext_2e032a40'),
(504, 'curl/7.88.1', 'cf8ab790-4c2a-4fa7-89f0-8d4def517987', NULL, 52, 'PATCH', '/scim/v2/Users/d5d7780d-5b91-40b8-b9b9-110cdc88e7a7', NULL, '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}', 'd5d7780d-5b91-40b8-b9b9-110cdc88e7a7', 'User', NULL, 200, 'acme', TIMESTAMP '2026-12-03 15:30:13.877834', 'ext_2e032a40'),
(505, 'curl/7.88.1', '0c5495a6-5ed3-432d-b5c2-e1d4f4ea3069', NULL, 59, 'POST', '/scim/v2/Groups', NULL, '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Sales","externalId":"g-1","members":[{"value":"4282b057-6a93-4c82-b2de-4e37c5e13ffb"},{"value":"613453ab-2df7-4658-a16a-6ad8aa4d435f"}]}', 'cb9a840f-0685-4206-8548-8d183054e272', 'Group', NULL, 201, 'acme', TIMESTAMP '2026-12-03 15:30:13.957966', 'ext_2e032a40'),
(506, 'curl/7.88.1', '02afd6b4-fbcf-443b-9b47-6f33f5d286f3', NULL, 22, 'GET', '/scim/v2/Users', 'filter=userName eq "user1@contoso.com"', NULL, NULL, 'User', NULL, 200, 'acme', TIMESTAMP '2026-12-03 15:30:14.080382', 'ext_2e032a40'),
(507, 'curl/7.88.1', 'c932c515-ecad-421e-bb02-c856c1ea3570', 'The bearer token is not valid.', 13, 'GET', '/scim/v2/Users', NULL, NULL, NULL, 'User', NULL, 401, NULL, TIMESTAMP '2026-12-03 15:30:14.110893', NULL);        
CREATE INDEX "PUBLIC"."PROVISIONING_LOG_TIME" ON "PUBLIC"."PROVISIONING_LOG"("LOG_TIME" DESC NULLS LAST, "ID" DESC NULLS LAST);
CREATE INDEX "PUBLIC"."PROVISIONING_LOG_TENANT_TIME" ON "PUBLIC"."PROVISIONING_LOG"("TENANT_ID" NULLS FIRST, "LOG_TIME" DESC NULLS LAST, "ID" DESC NULLS LAST);
CREATE INDEX "PUBLIC"."PROVISIONING_LOG_CORRELATION" ON "PUBLIC"."PROVISIONING_LOG"("CORRELATION_ID" NULLS FIRST);             
CREATE INDEX "PUBLIC"."PROVISIONING_LOG_RESOURCE" ON "PUBLIC"."PROVISIONING_LOG"("TENANT_ID" NULLS FIRST, "RESOURCE_ID" NULLS FIRST, "LOG_TIME" DESC NULLS LAST, "ID" DESC NULLS LAST);        
CREATE CACHED TABLE "PUBLIC"."SCIM_USERS"(
    "ID" BIGINT NOT NULL,
    "ACTIVE" BOOLEAN,
    "CREATED" TIMESTAMP NOT NULL,
    "DISPLAY_NAME_KEY" CHARACTER VARYING(4096),
    "DOCUMENT" CHARACTER VARYING(1048576) NOT NULL,
    "EXTERNAL_ID" CHARACTER VARYING(4096),
    "LAST_MODIFIED" TIMESTAMP NOT NULL,
    "SCIM_ID" CHARACTER VARYING(36) NOT NULL,
    "TENANT_ID" CHARACTER VARYING(64) NOT NULL,
    "USER_NAME_KEY" CHARACTER VARYING(4096) NOT NULL,
    "VERSION" BIGINT NOT NULL
);       
ALTER TABLE "PUBLIC"."SCIM_USERS" ADD CONSTRAINT "PUBLIC"."CONSTRAINT_3" PRIMARY KEY("ID");    
INSERT INTO "PUBLIC"."SCIM_USERS" VALUES
(51, TRUE, TIMESTAMP '2026-12-03 15:30:13.44', 'user 1', '{"userName":"user1@contoso.com","active":true,"displayName":"User 1","name":{"givenName":"Given1","familyName":"Family1"},"emails":[{"type":"work","value":"user1@contoso.com","primary":true}],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales","employeeNumber":"E1"}}', 'ext-1', TIMESTAMP '2026-12-03 15:30:13.44', '4282b057-6a93-4c82-b2de-4e37c5e13ffb', 'acme', 'user1@contoso.com', 1),
(52, TRUE, TIMESTAMP '2026-12-03 15:30:13.544', 'user 2', '{"userName":"user2@contoso.com","active":true,"displayName":"User 2","name":{"givenName":"Given2","familyName":"Family2"},"emails":[{"type":"work","value":"user2@contoso.com","primary":true}],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales","employeeNumber":"E2"}}', 'ext-2', TIMESTAMP '2026-12-03 15:30:13.544', '613453ab-2df7-4658-a16a-6ad8aa4d435f', 'acme', 'user2@contoso.com', 1),
(53, FALSE, TIMESTAMP '2026-12-03 15:30:13.698', 'user 3', '{"userName":"user3@contoso.com","active":false,"displayName":"User 3","name":{"givenName":"Given3","familyName":"Family3"},"emails":[{"type":"work","value":"user3@contoso.com","primary":true}],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales","employeeNumber":"E3"}}', 'ext-3', TIMESTAMP '2026-12-03 15:30:13.851', 'd5d7780d-5b91-40b8-b9b9-110cdc88e7a7', 'acme', 'user3@contoso.com', 2);          
CREATE UNIQUE NULLS DISTINCT INDEX "PUBLIC"."SCIM_USERS_SCIM_ID" ON "PUBLIC"."SCIM_USERS"("SCIM_ID" NULLS FIRST);              
CREATE INDEX "PUBLIC"."SCIM_USERS_TENANT_ORDER" ON "PUBLIC"."SCIM_USERS"("TENANT_ID" NULLS FIRST, "ID" NULLS FIRST);           
CREATE INDEX "PUBLIC"."SCIM_USERS_EXTERNAL_ID" ON "PUBLIC"."SCIM_USERS"("TENANT_ID" NULLS FIRST, "EXTERNAL_ID" NULLS FIRST);   
CREATE INDEX "PUBLIC"."SCIM_USERS_DISPLAY_NAME" ON "PUBLIC"."SCIM_USERS"("TENANT_ID" NULLS FIRST, "DISPLAY_NAME_KEY" NULLS FIRST);             
CREATE INDEX "PUBLIC"."SCIM_USERS_LAST_MODIFIED" ON "PUBLIC"."SCIM_USERS"("TENANT_ID" NULLS FIRST, "LAST_MODIFIED" NULLS FIRST);               
CREATE INDEX "PUBLIC"."SCIM_USERS_CREATED" ON "PUBLIC"."SCIM_USERS"("TENANT_ID" NULLS FIRST, "CREATED" NULLS FIRST);           
CREATE CACHED TABLE "PUBLIC"."ADMIN_ACCOUNTS"(
    "USER_NAME" CHARACTER VARYING(64) NOT NULL,
    "CREATED" TIMESTAMP NOT NULL,
    "PASSWORD_CHANGED" TIMESTAMP NOT NULL,
    "PASSWORD_HASH" CHARACTER VARYING(256) NOT NULL
);             
ALTER TABLE "PUBLIC"."ADMIN_ACCOUNTS" ADD CONSTRAINT "PUBLIC"."CONSTRAINT_9" PRIMARY KEY("USER_NAME");         
INSERT INTO "PUBLIC"."ADMIN_ACCOUNTS" VALUES
('admin', TIMESTAMP '2026-12-03 15:30:10.292312', TIMESTAMP '2026-12-03 15:30:10.292312', 'pbkdf2-sha512$210000$kcR/swsyW89Jp/ZdkAD5LA==$7qOOZw4km6X9hgpfbJOP81nnZOkTeyMQLdM/g0wUh2pPOlv1GInjtRZzWK3Sy3J3JdKUAqTyBSEF3FRrFSKiUQ==');              
CREATE CACHED TABLE "PUBLIC"."SCIM_USER_VALUES"(
    "PATH" CHARACTER VARYING(200) NOT NULL,
    "USER_ID" BIGINT NOT NULL,
    "ELEMENT" INTEGER NOT NULL,
    "TENANT_ID" CHARACTER VARYING(64) NOT NULL,
    "VALUE_KEY" CHARACTER VARYING(4096) NOT NULL
);
ALTER TABLE "PUBLIC"."SCIM_USER_VALUES" ADD CONSTRAINT "PUBLIC"."CONSTRAINT_B" PRIMARY KEY("PATH", "USER_ID", "ELEMENT");      
INSERT INTO "PUBLIC"."SCIM_USER_VALUES" VALUES
('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', 51, 0, 'acme', 'e1'),
('emails.value', 51, 0, 'acme', 'user1@contoso.com'),
('name.familyName', 51, 0, 'acme', 'family1'),
('emails.primary', 51, 0, 'acme', 'true'),
('emails.type', 51, 0, 'acme', 'work'),
('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 51, 0, 'acme', 'sales'),
('name.givenName', 51, 0, 'acme', 'given1'),
('emails.value', 52, 0, 'acme', 'user2@contoso.com'),
('name.familyName', 52, 0, 'acme', 'family2'),
('emails.primary', 52, 0, 'acme', 'true'),
('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 52, 0, 'acme', 'sales'),
('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', 52, 0, 'acme', 'e2'),
('emails.type', 52, 0, 'acme', 'work'),
('name.givenName', 52, 0, 'acme', 'given2'),
('emails.type', 53, 0, 'acme', 'work'),
('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 53, 0, 'acme', 'sales'),
('name.familyName', 53, 0, 'acme', 'family3'),
('emails.value', 53, 0, 'acme', 'user3@contoso.com'),
('emails.primary', 53, 0, 'acme', 'true'),
('name.givenName', 53, 0, 'acme', 'given3'),
('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', 53, 0, 'acme', 'e3');             
CREATE INDEX "PUBLIC"."SCIM_USER_VALUES_LOOKUP" ON "PUBLIC"."SCIM_USER_VALUES"("TENANT_ID" NULLS FIRST, "PATH" NULLS FIRST, "VALUE_KEY" NULLS FIRST);          
CREATE CACHED TABLE "PUBLIC"."TENANT"(
    "ID" CHARACTER VARYING(64) NOT NULL,
    "CREATED_AT" TIMESTAMP NOT NULL,
    "ENABLED" BOOLEAN NOT NULL,
    "NAME" CHARACTER VARYING(200) NOT NULL
);             
ALTER TABLE "PUBLIC"."TENANT" ADD CONSTRAINT "PUBLIC"."CONSTRAINT_93" PRIMARY KEY("ID");       
INSERT INTO "PUBLIC"."TENANT" VALUES
('acme', TIMESTAMP '2026-12-03 15:30:10.392219', TRUE, 'acme');           
ALTER TABLE "PUBLIC"."SCIM_MEMBERSHIPS" ADD CONSTRAINT "PUBLIC"."SCIM_MEMBERSHIPS_GROUP_MEMBER" UNIQUE("GROUP_ID", "MEMBER_ID");               
ALTER TABLE "PUBLIC"."SCIM_USERS" ADD CONSTRAINT "PUBLIC"."SCIM_USERS_USER_NAME" UNIQUE("TENANT_ID", "USER_NAME_KEY");         
ALTER TABLE "PUBLIC"."SCIM_GROUPS" ADD CONSTRAINT "PUBLIC"."SCIM_GROUPS_DISPLAY_NAME" UNIQUE("TENANT_ID", "DISPLAY_NAME_KEY"); 
ALTER TABLE "PUBLIC"."API_TOKEN" ADD CONSTRAINT "PUBLIC"."FK_API_TOKEN_TENANT_ID" FOREIGN KEY("TENANT_ID") REFERENCES "PUBLIC"."TENANT"("ID") NOCHECK;         
ALTER TABLE "PUBLIC"."SCIM_USER_VALUES" ADD CONSTRAINT "PUBLIC"."FK_SCIM_USER_VALUES_USER_ID" FOREIGN KEY("USER_ID") REFERENCES "PUBLIC"."SCIM_USERS"("ID") NOCHECK;           
