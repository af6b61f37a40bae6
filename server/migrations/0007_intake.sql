-- Intake: investors' project intents, the routing decision behind each, and the units' duties
-- (assignments) with their working-time deadlines.
CREATE TABLE intent (
    id {{pk}},
    title TEXT NOT NULL,
    company TEXT NOT NULL,
    credit_code TEXT,
    contact_name TEXT NOT NULL,
    contact_phone TEXT NOT NULL,
    industry_code TEXT NOT NULL REFERENCES industry (code),
    investment_total TEXT NOT NULL,
    currency TEXT NOT NULL CHECK (currency IN ('CNY', 'USD')),
    capital_type TEXT NOT NULL CHECK (capital_type IN ('domestic', 'foreign')),
    land_mu TEXT,
    jobs INTEGER,
    description TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'routed', 'claimed', 'contacted', 'docked',
                                           'declined_all', 'withdrawn')),
    submitted_by BIGINT NOT NULL REFERENCES user_account (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX intent_submitted_by_idx ON intent (submitted_by);

CREATE TABLE intent_preferred_unit (
    intent_id BIGINT NOT NULL REFERENCES intent (id),
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    PRIMARY KEY (intent_id, unit_id)
);

CREATE TABLE routing_decision (
    id {{pk}},
    intent_id BIGINT NOT NULL REFERENCES intent (id),
    rules_version TEXT NOT NULL,
    candidates TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE assignment (
    id {{pk}},
    subject_type TEXT NOT NULL CHECK (subject_type IN ('intent', 'consultation')),
    subject_id BIGINT NOT NULL,
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    user_id BIGINT REFERENCES user_account (id),
    role TEXT NOT NULL CHECK (role IN ('candidate', 'primary', 'collaborator', 'informed')),
    step TEXT CHECK (step IN ('acknowledge', 'first_contact', 'dock')),
    due_at TEXT,
    paused_at TEXT,
    pause_reason TEXT,
    met_at TEXT,
    overdue_since TEXT,
    escalation_level INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX assignment_subject_idx ON assignment (subject_type, subject_id);
CREATE INDEX assignment_unit_idx ON assignment (unit_id);
