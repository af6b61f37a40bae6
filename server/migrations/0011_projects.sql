-- Key projects (dispatch): one record from registration to full capacity. The undertaking unit
-- (承办单位) and the collaborating units decide who sees a project; an investor sees the projects
-- linked to their own intents. Money is a decimal string with its currency.
CREATE TABLE project (
    id {{pk}},
    name TEXT NOT NULL,
    code_name TEXT,
    company TEXT NOT NULL,
    credit_code TEXT,
    industry_code TEXT NOT NULL REFERENCES industry (code),
    capital_type TEXT NOT NULL CHECK (capital_type IN ('domestic', 'foreign')),
    investment_total TEXT NOT NULL,
    currency TEXT NOT NULL CHECK (currency IN ('CNY', 'USD')),
    undertaking_unit_id BIGINT NOT NULL REFERENCES unit (id),
    source TEXT NOT NULL CHECK (source IN ('meeting', 'event', 'intent', 'agency', 'unit')),
    -- meetings and events arrive with their own tables; the ids are kept until then
    meeting_id BIGINT,
    event_id BIGINT,
    intent_id BIGINT REFERENCES intent (id),
    signed_large INTEGER NOT NULL DEFAULT 0,
    campaign INTEGER NOT NULL DEFAULT 0,
    task_force_unit_id BIGINT REFERENCES unit (id),
    stage TEXT NOT NULL REFERENCES stage (code),
    created_by BIGINT NOT NULL REFERENCES user_account (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- the last dispatch record: freshness is the days since
    last_update_at TEXT NOT NULL
);
CREATE INDEX project_unit_idx ON project (undertaking_unit_id);
CREATE INDEX project_intent_idx ON project (intent_id);
CREATE INDEX project_last_update_idx ON project (last_update_at);

CREATE TABLE project_unit (
    project_id BIGINT NOT NULL REFERENCES project (id),
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    PRIMARY KEY (project_id, unit_id)
);
CREATE INDEX project_unit_unit_idx ON project_unit (unit_id);

-- Planned and actual date (YYYY-MM-DD) of each stage.
CREATE TABLE stage_history (
    project_id BIGINT NOT NULL REFERENCES project (id),
    stage TEXT NOT NULL REFERENCES stage (code),
    planned_on TEXT,
    actual_on TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (project_id, stage)
);

-- The dispatch record: what a unit reports on a project.
CREATE TABLE project_update (
    id {{pk}},
    project_id BIGINT NOT NULL REFERENCES project (id),
    text TEXT NOT NULL,
    stage_from TEXT,
    stage_to TEXT,
    author_user_id BIGINT NOT NULL REFERENCES user_account (id),
    created_at TEXT NOT NULL
);
CREATE INDEX project_update_project_idx ON project_update (project_id, id);

-- Funds actually arrived: foreign capital in USD, domestic in CNY.
CREATE TABLE fund_arrival (
    id {{pk}},
    project_id BIGINT NOT NULL REFERENCES project (id),
    update_id BIGINT REFERENCES project_update (id),
    arrived_on TEXT NOT NULL,
    amount TEXT NOT NULL,
    currency TEXT NOT NULL CHECK (currency IN ('CNY', 'USD')),
    created_by BIGINT NOT NULL REFERENCES user_account (id),
    created_at TEXT NOT NULL
);
CREATE INDEX fund_arrival_project_idx ON fund_arrival (project_id, arrived_on);

-- The project's timeline: who changed what and when.
CREATE TABLE project_event (
    id {{pk}},
    project_id BIGINT NOT NULL REFERENCES project (id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    actor_user_id BIGINT REFERENCES user_account (id),
    actor_name TEXT,
    text TEXT NOT NULL DEFAULT '',
    detail TEXT
);
CREATE INDEX project_event_project_idx ON project_event (project_id, id);
