-- Identity: companies, accounts, roles and their permissions, sessions, security policy, and
-- the audit trail. Roles and permissions are data (data/security/roles.json).

CREATE TABLE company (
    id {{pk}},
    name TEXT NOT NULL,
    credit_code TEXT UNIQUE,
    country TEXT NOT NULL DEFAULT 'CN',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE role (
    code TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('none', 'self', 'unit', 'unit_tree', 'all')),
    admin_class TEXT CHECK (admin_class IN ('system', 'security', 'audit')),
    totp_required INTEGER NOT NULL DEFAULT 0,
    assignable INTEGER NOT NULL DEFAULT 1,
    sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE role_permission (
    role TEXT NOT NULL REFERENCES role (code),
    permission TEXT NOT NULL,
    PRIMARY KEY (role, permission)
);

CREATE TABLE user_account (
    id {{pk}},
    login_name TEXT UNIQUE,
    phone TEXT UNIQUE,
    email TEXT UNIQUE,
    name TEXT NOT NULL,
    unit_id BIGINT REFERENCES unit (id),
    company_id BIGINT REFERENCES company (id),
    password_hash TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    strict_password_policy INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    totp_secret TEXT,
    totp_enabled INTEGER NOT NULL DEFAULT 0,
    totp_last_step BIGINT,
    privacy_version TEXT,
    privacy_accepted_at TEXT,
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by BIGINT,
    updated_by BIGINT,
    CHECK (login_name IS NOT NULL OR phone IS NOT NULL OR email IS NOT NULL)
);
CREATE INDEX user_account_unit_idx ON user_account (unit_id);

CREATE TABLE user_role (
    user_id BIGINT NOT NULL REFERENCES user_account (id),
    role TEXT NOT NULL REFERENCES role (code),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE auth_session (
    id {{pk}},
    token_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES user_account (id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    idle_expires_at TEXT NOT NULL,
    absolute_expires_at TEXT NOT NULL,
    ended_at TEXT,
    end_reason TEXT,
    ip TEXT,
    user_agent TEXT
);
CREATE INDEX auth_session_user_idx ON auth_session (user_id);

CREATE TABLE security_policy (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by BIGINT
);

CREATE TABLE audit_entry (
    id {{pk}},
    at TEXT NOT NULL,
    actor_id BIGINT,
    actor_login TEXT,
    actor_roles TEXT,
    unit_id BIGINT,
    ip TEXT,
    action TEXT NOT NULL,
    object_type TEXT,
    object_id TEXT,
    result TEXT NOT NULL CHECK (result IN ('success', 'failure', 'denied')),
    request_id TEXT,
    detail TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_entry_at_idx ON audit_entry (at);
