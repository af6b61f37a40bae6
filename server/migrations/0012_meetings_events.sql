-- Leader meetings (会见): outbound visits (外出对接) and receptions in Qingdao (在青接待会见),
-- pushed to the units that must follow them up. Leaders' names are a JSON array of strings.
CREATE TABLE meeting (
    id {{pk}},
    category TEXT NOT NULL CHECK (category IN ('outbound', 'reception')),
    leaders TEXT NOT NULL,
    held_on TEXT NOT NULL,
    place TEXT NOT NULL,
    company TEXT NOT NULL,
    summary TEXT NOT NULL,
    follow_ups TEXT,
    created_by BIGINT NOT NULL REFERENCES user_account (id),
    created_at TEXT NOT NULL
);
CREATE INDEX meeting_held_on_idx ON meeting (held_on);

-- One pushed unit's duty on a meeting: read it, then report the project it led to (or why
-- there is none) by report_due_at, a number of working days after the push.
CREATE TABLE meeting_receipt (
    meeting_id BIGINT NOT NULL REFERENCES meeting (id),
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    pushed_by BIGINT NOT NULL REFERENCES user_account (id),
    pushed_at TEXT NOT NULL,
    report_due_at TEXT NOT NULL,
    read_at TEXT,
    read_by BIGINT REFERENCES user_account (id),
    reported_at TEXT,
    reported_by BIGINT REFERENCES user_account (id),
    project_id BIGINT REFERENCES project (id),
    no_project_reason TEXT,
    reminded_at TEXT,
    overdue_at TEXT,
    PRIMARY KEY (meeting_id, unit_id)
);
CREATE INDEX meeting_receipt_unit_idx ON meeting_receipt (unit_id);
CREATE INDEX meeting_receipt_open_idx ON meeting_receipt (reported_at, overdue_at);

-- Major events (重大活动) such as a summit; the projects signed there are followed like any
-- key project, and the event's funnel compares its end date with now.
CREATE TABLE event (
    id {{pk}},
    name TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    place TEXT NOT NULL,
    organiser TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_by BIGINT NOT NULL REFERENCES user_account (id),
    created_at TEXT NOT NULL
);
CREATE INDEX event_ends_on_idx ON event (ends_on);

-- A project signed at an event; money is a decimal string with its currency.
CREATE TABLE event_signing (
    id {{pk}},
    event_id BIGINT NOT NULL REFERENCES event (id),
    project_id BIGINT NOT NULL REFERENCES project (id),
    signed_on TEXT NOT NULL,
    amount TEXT NOT NULL,
    currency TEXT NOT NULL CHECK (currency IN ('CNY', 'USD')),
    created_by BIGINT NOT NULL REFERENCES user_account (id),
    created_at TEXT NOT NULL,
    UNIQUE (event_id, project_id)
);
CREATE INDEX event_signing_project_idx ON event_signing (project_id);
