-- Every permission code the database has heard of. A release that adds a permission grants it
-- to the roles named in data/security/roles.json once; after that, security administrators'
-- grants and revocations stand.
CREATE TABLE permission (
    code TEXT PRIMARY KEY,
    introduced_at TEXT NOT NULL
);
INSERT INTO permission (code, introduced_at)
SELECT DISTINCT permission, '2026-11-26T00:00:00.000Z' FROM role_permission;
