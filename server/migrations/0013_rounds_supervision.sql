-- Dispatch rounds (调度推进), leader instructions (批示) and supervision tickets (督办).

-- A round of dispatch: the bureau opens it, units record progress on their projects, and it
-- closes by hand or at closes_at. At most one round is open at a time.
CREATE TABLE dispatch_round (
    id {{pk}},
    name TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
    opened_at TEXT NOT NULL,
    closes_at TEXT NOT NULL,
    closed_at TEXT,
    -- when the units with projects still to update were reminded
    reminded_at TEXT,
    opened_by BIGINT NOT NULL REFERENCES user_account (id),
    closed_by BIGINT REFERENCES user_account (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX dispatch_round_one_open_idx ON dispatch_round (state) WHERE state = 'open';

-- The projects each unit undertook when the round opened: the denominator of its update rate.
-- `updated` is frozen when the round closes (NULL while it is open).
CREATE TABLE round_project (
    round_id BIGINT NOT NULL REFERENCES dispatch_round (id),
    project_id BIGINT NOT NULL REFERENCES project (id),
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    updated INTEGER,
    PRIMARY KEY (round_id, project_id)
);
CREATE INDEX round_project_unit_idx ON round_project (round_id, unit_id);

-- A leader's (or the bureau's) instruction on a project, a task for the undertaking unit.
CREATE TABLE instruction (
    id {{pk}},
    project_id BIGINT NOT NULL REFERENCES project (id),
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    text TEXT NOT NULL,
    due_at TEXT NOT NULL,
    author_user_id BIGINT NOT NULL REFERENCES user_account (id),
    response TEXT,
    responded_at TEXT,
    responded_by BIGINT REFERENCES user_account (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX instruction_unit_idx ON instruction (unit_id, id);
CREATE INDEX instruction_due_idx ON instruction (responded_at, due_at);

-- A supervision ticket on a unit (and maybe one project). `subject_key` names what it is about
-- ("stale:project:7:…", "instruction:3", "manual:12"); one open ticket per subject. `due_at` is
-- the deadline of the current step; `overdue_since` the first time a step of the unit was late.
CREATE TABLE supervision_ticket (
    id {{pk}},
    reason TEXT NOT NULL CHECK (reason IN ('stale', 'red_light', 'instruction', 'missed_report',
                                           'manual')),
    state TEXT NOT NULL CHECK (state IN ('issued', 'signed_for', 'handled', 'feedback',
                                         'reviewed', 'closed')),
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    project_id BIGINT REFERENCES project (id),
    subject_key TEXT NOT NULL,
    text TEXT NOT NULL,
    due_at TEXT,
    overdue_since TEXT,
    escalation_level INTEGER NOT NULL DEFAULT 0,
    created_by BIGINT REFERENCES user_account (id),
    closed_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX supervision_ticket_open_subject_idx ON supervision_ticket (subject_key)
    WHERE state <> 'closed';
CREATE INDEX supervision_ticket_subject_idx ON supervision_ticket (subject_key);
CREATE INDEX supervision_ticket_unit_idx ON supervision_ticket (unit_id, id);
CREATE INDEX supervision_ticket_due_idx ON supervision_ticket (state, due_at);

-- Each step a ticket took: the state it reached, what was said, and whether it was in time.
CREATE TABLE supervision_step (
    id {{pk}},
    ticket_id BIGINT NOT NULL REFERENCES supervision_ticket (id),
    state TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    actor_user_id BIGINT REFERENCES user_account (id),
    actor_name TEXT,
    at TEXT NOT NULL,
    due_at TEXT,
    on_time INTEGER
);
CREATE INDEX supervision_step_ticket_idx ON supervision_step (ticket_id, id);
