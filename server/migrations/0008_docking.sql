-- Docking: what happens to an intent after routing. Facts about the intent's progress live on the
-- intent; each unit's duty is an assignment (ended when the unit declines, transfers or another
-- unit takes the lead); every step is an event on the intent's timeline.
ALTER TABLE intent ADD COLUMN primary_unit_id BIGINT REFERENCES unit (id);
ALTER TABLE intent ADD COLUMN handler_user_id BIGINT REFERENCES user_account (id);
ALTER TABLE intent ADD COLUMN claimed_at TEXT;
ALTER TABLE intent ADD COLUMN first_contact_at TEXT;
ALTER TABLE intent ADD COLUMN docked_at TEXT;
ALTER TABLE intent ADD COLUMN stage TEXT;
ALTER TABLE intent ADD COLUMN disputed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE intent ADD COLUMN duplicate_of BIGINT REFERENCES intent (id);

-- ended_reason: declined | transferred | superseded (another unit became primary) | closed
ALTER TABLE assignment ADD COLUMN ended_at TEXT;
ALTER TABLE assignment ADD COLUMN ended_reason TEXT;
-- A mis-routed intent passed on within the triage window does not count against the unit.
ALTER TABLE assignment ADD COLUMN excused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE assignment ADD COLUMN reminded_at TEXT;
CREATE INDEX assignment_due_idx ON assignment (due_at);

CREATE TABLE intent_event (
    id {{pk}},
    intent_id BIGINT NOT NULL REFERENCES intent (id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    actor_user_id BIGINT REFERENCES user_account (id),
    actor_name TEXT,
    unit_id BIGINT REFERENCES unit (id),
    -- what the step says in the actor's words (a summary, a reason, a reply)
    text TEXT NOT NULL DEFAULT '',
    -- a code the UI words: a contact channel, a stage, the unit passed to
    detail TEXT
);
CREATE INDEX intent_event_intent_idx ON intent_event (intent_id, id);

-- The in-app notification centre: one row per recipient.
CREATE TABLE notification (
    id {{pk}},
    user_id BIGINT NOT NULL REFERENCES user_account (id),
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX notification_user_idx ON notification (user_id, id);

-- A unit contests an overdue listing on the public board before it shows; the bureau decides.
CREATE TABLE board_contest (
    id {{pk}},
    assignment_id BIGINT NOT NULL REFERENCES assignment (id),
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    created_by BIGINT NOT NULL REFERENCES user_account (id),
    created_at TEXT NOT NULL,
    decided_by BIGINT REFERENCES user_account (id),
    decided_at TEXT,
    note TEXT
);
CREATE INDEX board_contest_assignment_idx ON board_contest (assignment_id);

-- Person-level routing skips staff on leave and staff at capacity.
ALTER TABLE user_account ADD COLUMN on_leave INTEGER NOT NULL DEFAULT 0;
ALTER TABLE user_account ADD COLUMN intake_capacity INTEGER NOT NULL DEFAULT 20;
